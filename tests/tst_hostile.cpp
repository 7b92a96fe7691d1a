// SPDX-License-Identifier: GPL-3.0-or-later
// The hostile corpus: every kind of hostile input the hardening issue lists, generated here and fed end to end
// through the command line (`tideline import`, `verify`, `check --policy`) into one case. Each must get a clear
// error naming the file (and the place in it), nothing may crash or hang, and the case is never left half-written:
// after every refusal it holds what it held before, SQLite's integrity check and verify-case pass.
//
//   zip-slip names ............... zipSlip
//   zip bombs (ratio, total) ..... zipBombRatio, zipBombTotal
//   10,000-deep nesting .......... deepNesting
//   lengths that claim gigabytes . hugeLengthClaims, storedFrameClaimingGigabytes
//   invalid UTF-8 ................ invalidUtf8
//   duplicate keys ............... duplicateKeys
//   XML entity expansion ......... entityExpansion (and YAML's alias expansion)
//   DSSE with a swapped type ..... dsseSwappedPayloadType
//   a policy regex that backtracks backtrackingPolicyRegex
//   timestamps before 1970 and after 9999: timestampsOutOfRange
//
// Several of these are tested piecemeal elsewhere (tst_formats badInput, tst_import hostileArchives,
// tst_evidence_formats junitHostile, tst_policy hostileRegexDoesNotHang); here they go through the real pipeline
// together, so that one place shows the whole list.

#include "evidence_openssl.h"
#include "testutil.h"

#include "evidence/signing.h"
#include "import/importer.h"
#include "store/casefile.h"
#include "store/sourcecodec.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QtTest>

#include <archive.h>
#include <archive_entry.h>

using namespace tideline;

namespace {

const QByteArray kFp = QByteArray(64, 'c');

QByteArray k8sPayload(const QByteArray& pod, const QByteArray& fingerprint = kFp, const QByteArray& image = "app:1")
{
    return "{\"artifacts\":[{\"podName\":\"" + pod + "\",\"namespace\":\"prod\",\"creationTimestamp\":1767225600,\"digests\":{\"" + image + "\":\""
        + fingerprint + "\"}}]}";
}

// CRC-32 (zip's), for archives written byte by byte.
quint32 crc32(const QByteArray& data)
{
    quint32 c = 0xFFFFFFFFu;
    for (const char ch : data) {
        c ^= static_cast<unsigned char>(ch);
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

void le(QByteArray& out, quint64 v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.append(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A zip of stored entries whose headers claim `claimed` bytes (both sizes) where the entry holds data.
QByteArray storedZip(const QByteArray& name, const QByteArray& data, quint32 claimed)
{
    QByteArray out, central;
    const quint32 crc = crc32(data);
    le(out, 0x04034b50, 4);
    le(out, 20, 2);
    le(out, 0, 2); // flags
    le(out, 0, 2); // stored
    le(out, 0, 4); // time, date
    le(out, crc, 4);
    le(out, claimed, 4);
    le(out, claimed, 4);
    le(out, static_cast<quint64>(name.size()), 2);
    le(out, 0, 2);
    out += name + data;
    const quint64 cdOffset = static_cast<quint64>(out.size());
    le(central, 0x02014b50, 4);
    le(central, 20, 2);
    le(central, 20, 2);
    le(central, 0, 2);
    le(central, 0, 2);
    le(central, 0, 4);
    le(central, crc, 4);
    le(central, claimed, 4);
    le(central, claimed, 4);
    le(central, static_cast<quint64>(name.size()), 2);
    le(central, 0, 2);
    le(central, 0, 2);
    le(central, 0, 2);
    le(central, 0, 2);
    le(central, 0, 4);
    le(central, 0, 4); // local header offset
    central += name;
    out += central;
    le(out, 0x06054b50, 4);
    le(out, 0, 4);
    le(out, 1, 2);
    le(out, 1, 2);
    le(out, static_cast<quint64>(central.size()), 4);
    le(out, cdOffset, 4);
    le(out, 0, 2);
    return out;
}

// One file, compressed with libarchive's raw writer ("gzip" or "zstd").
QByteArray compressed(const QByteArray& data, const char* filter)
{
    archive* a = archive_write_new();
    archive_write_set_format_raw(a);
    if (qstrcmp(filter, "gzip") == 0)
        archive_write_add_filter_gzip(a);
    else
        archive_write_add_filter_zstd(a);
    QByteArray out(static_cast<qsizetype>(data.size()) + 4096, '\0');
    size_t used = 0;
    archive_write_open_memory(a, out.data(), static_cast<size_t>(out.size()), &used);
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, "data");
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_size(e, data.size());
    archive_write_header(a, e);
    archive_write_data(a, data.constData(), static_cast<size_t>(data.size()));
    archive_entry_free(e);
    archive_write_close(a);
    archive_write_free(a);
    out.resize(static_cast<qsizetype>(used));
    return out;
}

// A zstd frame that declares `claimed` bytes of content and holds one raw block of data.
QByteArray zstdFrameClaiming(const QByteArray& data, quint64 claimed)
{
    QByteArray f;
    le(f, 0xFD2FB528, 4);
    f.append(static_cast<char>(0xC0)); // 8-byte content size, a window descriptor, no checksum
    f.append(static_cast<char>(0x58)); // window 2^21
    le(f, claimed, 8);
    le(f, 1u | (static_cast<quint32>(data.size()) << 3), 3); // last block, raw
    return f + data;
}

// A ustar header whose size field claims `octal` (11 octal digits), checksum recomputed.
QByteArray tarClaiming(const QByteArray& name, const QByteArray& data, const char* octal)
{
    QByteArray h(512, '\0');
    std::memcpy(h.data(), name.constData(), static_cast<size_t>(std::min<qsizetype>(name.size(), 99)));
    std::memcpy(h.data() + 100, "0000644", 7);
    std::memcpy(h.data() + 108, "0000000", 7);
    std::memcpy(h.data() + 116, "0000000", 7);
    std::memcpy(h.data() + 124, octal, 11);
    std::memcpy(h.data() + 136, "14000000000", 11);
    h[156] = '0';
    std::memcpy(h.data() + 257, "ustar", 6);
    std::memcpy(h.data() + 263, "00", 2);
    std::memset(h.data() + 148, ' ', 8);
    unsigned sum = 0;
    for (const char c : h)
        sum += static_cast<unsigned char>(c);
    const QByteArray cks = QByteArray::number(sum, 8).rightJustified(6, '0');
    std::memcpy(h.data() + 148, cks.constData(), 6);
    h[154] = '\0';
    QByteArray body = data;
    body.append(QByteArray((512 - body.size() % 512) % 512, '\0'));
    return h + body + QByteArray(1024, '\0');
}

QByteArray base64(const QByteArray& b) { return b.toBase64(); }

QByteArray dsse(const QByteArray& type, const QByteArray& payload, const QByteArray& sig = QByteArray(64, '\x01'), const QByteArray& keyid = "")
{
    return "{\"payloadType\":\"" + type + "\",\"payload\":\"" + base64(payload) + "\",\"signatures\":[{\"keyid\":\"" + keyid + "\",\"sig\":\""
        + base64(sig) + "\"}]}";
}

QByteArray statement(const QByteArray& fingerprint = kFp)
{
    return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app\",\"digest\":{\"sha256\":\"" + fingerprint
        + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}";
}

const QByteArray kPolicyHead = "_schema: https://docs.kosli.com/schemas/policy/v1\n";

} // namespace

class TestHostile : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_case;
    int m_at = 0; // each import gets its own capture time

    QString file(const QString& name) const { return m_dir.filePath(name); }

    QString write(const QString& name, const QByteArray& bytes) const
    {
        const QString p = file(name);
        if (!testutil::writeFile(p, bytes))
            qFatal("cannot write %s", qPrintable(p));
        return p;
    }

    QString nextAt()
    {
        return QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC).addSecs(60 * ++m_at).toString(Qt::ISODate);
    }

    // What the case holds, table by table.
    QMap<QString, int> counts() const
    {
        QMap<QString, int> c;
        auto kase = CaseFile::open(m_case, CaseFile::Mode::ReadOnly);
        if (!kase)
            return c;
        for (const char* t : { "sources", "snapshots", "reports", "runs", "evidence", "evidence_bindings", "keys", "policies", "trails", "flow_templates", "log" }) {
            QSqlQuery q((*kase)->db());
            if (q.exec(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(t)) && q.next())
                c.insert(QLatin1String(t), q.value(0).toInt());
        }
        return c;
    }

    // The case is whole: SQLite's check and verify-case both pass.
    void checkWhole() const
    {
        auto kase = CaseFile::open(m_case, CaseFile::Mode::ReadOnly);
        QVERIFY2(kase.ok(), qPrintable(kase.error()));
        QCOMPARE((*kase)->integrityCheck(), QStringLiteral("ok"));
        const testutil::Run v = testutil::runTideline({ QStringLiteral("verify-case"), QStringLiteral("--json"), QStringLiteral("--case"), m_case });
        QVERIFY2(v.exitCode == 0 && v.json()[QLatin1String("intact")].toBool(), v.out.constData());
    }

    static QString errorsText(const QJsonArray& errors)
    {
        QStringList s;
        for (const QJsonValue e : errors)
            s << e[QLatin1String("path")].toString() + QStringLiteral(" | ") + e[QLatin1String("where")].toString() + QStringLiteral(" | ")
                    + e[QLatin1String("error")].toString();
        return s.join(QLatin1Char('\n'));
    }

    // Imports through the command line; expects exit 2 with an error of exactly `path`, at `where` (a prefix; empty:
    // any), saying `words`; and that the case gained nothing but `gained` (table -> rows) and is whole.
    QJsonObject importRefused(const QStringList& inputs, const QString& path, const QString& where, const QString& words,
        const QStringList& context = { QStringLiteral("--env"), QStringLiteral("prod") }, const QMap<QString, int>& gained = {})
    {
        const QMap<QString, int> before = counts();
        QStringList args { QStringLiteral("import"), QStringLiteral("--json"), QStringLiteral("--case"), m_case };
        args << context;
        if (context.contains(QStringLiteral("--env")) && !context.contains(QStringLiteral("--at")))
            args << QStringLiteral("--at") << nextAt();
        args << inputs;
        const testutil::Run r = testutil::runTideline(args);
        [&] {
            QVERIFY2(r.exitCode == 2, qPrintable(QStringLiteral("exit %1 (crash or hang when -1); stderr: %2").arg(r.exitCode).arg(QString::fromUtf8(r.err))));
            const QJsonArray errors = r.json()[QLatin1String("errors")].toArray();
            bool found = false;
            for (const QJsonValue e : errors) {
                const QString text = e[QLatin1String("error")].toString();
                if (e[QLatin1String("path")].toString() == path && e[QLatin1String("where")].toString().startsWith(where)
                    && text.contains(words, Qt::CaseInsensitive) && (where.isEmpty() || !e[QLatin1String("where")].toString().isEmpty()))
                    found = true;
            }
            QVERIFY2(found, qPrintable(QStringLiteral("no error for %1 at '%2' saying '%3'; errors:\n%4").arg(path, where, words, errorsText(errors))));
            QMap<QString, int> expected = before;
            for (auto it = gained.begin(); it != gained.end(); ++it)
                expected[it.key()] += it.value();
            const QMap<QString, int> after = counts();
            for (auto it = after.begin(); it != after.end(); ++it) {
                // The log records every import; the rest holds nothing of a refused file.
                if (it.key() == QLatin1String("log"))
                    continue;
                QVERIFY2(it.value() == expected.value(it.key()),
                    qPrintable(QStringLiteral("%1: %2 rows, expected %3").arg(it.key()).arg(it.value()).arg(expected.value(it.key()))));
            }
            checkWhole();
        }();
        return r.json().object();
    }

    // `tideline check --policy FILE` refusing the policy: exit 2, the file and place on stderr, nothing imported.
    void policyRefused(const QByteArray& yaml, const QString& name, const QString& where, const QString& words)
    {
        const QString p = write(name, yaml);
        const QMap<QString, int> before = counts();
        const testutil::Run r = testutil::runTideline({ QStringLiteral("check"), QStringLiteral("--json"), QStringLiteral("--case"), m_case, QStringLiteral("--policy"), p });
        QVERIFY2(r.exitCode == 2, qPrintable(QStringLiteral("exit %1; stdout %2; stderr %3").arg(r.exitCode).arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err))));
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(p + QStringLiteral(": ") + where), qPrintable(err));
        QVERIFY2(err.contains(words, Qt::CaseInsensitive), qPrintable(err));
        QCOMPARE(counts().value(QStringLiteral("policies")), before.value(QStringLiteral("policies")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_case = file(QStringLiteral("hostile.tideline"));
        // A case that already holds something, so that "nothing changed" means something.
        const QString p = write(QStringLiteral("baseline.json"), k8sPayload("web-1"));
        const testutil::Run r = testutil::runTideline({ QStringLiteral("import"), QStringLiteral("--case"), m_case, QStringLiteral("--env"), QStringLiteral("prod"),
            QStringLiteral("--at"), QStringLiteral("2026-01-01T00:00:00Z"), p });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(counts().value(QStringLiteral("snapshots")), 1);
    }

    // ---- zip-slip ------------------------------------------------------------------------------------------------
    void zipSlip_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("zip") << "zip";
        QTest::newRow("tar.gz") << "tar.gz";
    }
    void zipSlip()
    {
        QFETCH(QString, format);
        const QList<QByteArray> unsafe { "../../evil.json", "/tmp/abs.json", "..\\..\\win.json", "C:/win/abs.json", "ok/../../../up.json" };
        QList<QPair<QByteArray, QByteArray>> entries;
        for (const QByteArray& n : unsafe)
            entries.append({ n, k8sPayload("evil") });
        entries.append({ "ok/fine.json", k8sPayload("fine-" + format.toLatin1()) });
        const QString archive = file(QStringLiteral("slip.") + format);
        QVERIFY(testutil::writeArchive(archive, format, entries));
        const QJsonObject r = importRefused({ archive }, archive + QStringLiteral("!/../../evil.json"), QString(), QStringLiteral("unsafe path"),
            { QStringLiteral("--env"), QStringLiteral("prod") },
            { { QStringLiteral("sources"), 1 }, { QStringLiteral("snapshots"), 1 }, { QStringLiteral("reports"), 1 }, { QStringLiteral("runs"), 1 } });
        if (QTest::currentTestFailed())
            return;
        const QJsonArray errors = r[QLatin1String("errors")].toArray();
        QCOMPARE(errors.size(), unsafe.size());
        for (const QByteArray& n : unsafe) {
            bool named = false;
            // libarchive reads a zip's backslashes as the separators Windows tools meant.
            const QString shown = format == QLatin1String("zip") ? QString::fromUtf8(n).replace(QLatin1Char('\\'), QLatin1Char('/')) : QString::fromUtf8(n);
            for (const QJsonValue e : errors)
                named = named || (e[QLatin1String("path")].toString() == archive + QStringLiteral("!/") + shown && e[QLatin1String("error")].toString().contains(QStringLiteral("unsafe path")));
            QVERIFY2(named, qPrintable(QString::fromUtf8(n) + QStringLiteral("\n") + errorsText(errors)));
        }
        QCOMPARE(r[QLatin1String("imported")].toArray().size(), 1);
        QCOMPARE(r[QLatin1String("imported")][0][QLatin1String("path")].toString(), archive + QStringLiteral("!/ok/fine.json"));
        // Nothing was written anywhere: entries are read in memory, never extracted.
        for (const QString& p : { QStringLiteral("evil.json"), QStringLiteral("up.json"), QStringLiteral("win.json") }) {
            QVERIFY(!QFile::exists(QDir(m_dir.path()).filePath(QStringLiteral("../") + p)));
            QVERIFY(!QFile::exists(QDir(m_dir.path()).filePath(QStringLiteral("../../") + p)));
        }
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/abs.json")));
    }

    void manifestSlip()
    {
        // A manifest that names a path outside its bundle is refused as a whole, naming the entry.
        QDir().mkpath(file(QStringLiteral("mslip/prod")));
        write(QStringLiteral("mslip/prod/s.json"), k8sPayload("m"));
        write(QStringLiteral("mslip/tideline-bundle.json"), "{\"tideline_bundle\":1,\"snapshots\":[{\"path\":\"../../etc/passwd\",\"environment\":\"prod\",\"type\":\"K8S\"}]}");
        importRefused({ file(QStringLiteral("mslip")) }, file(QStringLiteral("mslip/tideline-bundle.json")), QStringLiteral("snapshots[0].path"), QStringLiteral("inside the bundle"),
            { QStringLiteral("--env"), QStringLiteral("prod") },
            { { QStringLiteral("sources"), 1 }, { QStringLiteral("snapshots"), 1 }, { QStringLiteral("reports"), 1 }, { QStringLiteral("runs"), 1 } });
    }

    // ---- zip bombs ------------------------------------------------------------------------------------------------
    void zipBombRatio_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("zip") << "zip";
        QTest::newRow("tar.gz") << "tar.gz";
    }
    void zipBombRatio()
    {
        // 100 MiB of one byte compresses about 1000:1: refused by the ratio limit (200:1 past 64 MiB), through the
        // command line with its default limits; the other files of the same import go on.
        QFETCH(QString, format);
        const QString bomb = file(QStringLiteral("bomb.") + format);
        QVERIFY(testutil::writeArchive(bomb, format, { { "zeros.json", QByteArray(100 << 20, ' ') } }));
        QVERIFY(QFileInfo(bomb).size() < (1 << 20));
        const QString after = write(QStringLiteral("after-bomb-") + format + QStringLiteral(".json"), k8sPayload("after-" + format.toLatin1()));
        importRefused({ bomb, after }, bomb + QStringLiteral("!/zeros.json"), QString(), QStringLiteral("compression ratio"), { QStringLiteral("--env"), QStringLiteral("prod") },
            { { QStringLiteral("sources"), 1 }, { QStringLiteral("snapshots"), 1 }, { QStringLiteral("reports"), 1 }, { QStringLiteral("runs"), 1 } });
    }

    void zipBombTotal()
    {
        // The total limit (16 GiB by default) set low, as the importer's options allow: 12 MiB of incompressible
        // entries past a total of 8 MiB. Then the same bytes spread over three archives nested in a fourth: each
        // holds 4 MiB, under the limit alone, but nested archives share their outer archive's budget.
        QTemporaryDir d;
        QRandomGenerator rng(7);
        auto noise = [&](int bytes) {
            QByteArray b(bytes, Qt::Uninitialized);
            rng.fillRange(reinterpret_cast<quint32*>(b.data()), bytes / 4);
            return b;
        };
        ImportOptions o;
        o.environment = QStringLiteral("prod");
        o.at = timefmt::parseIso(QStringLiteral("2026-03-01T00:00:00Z"));
        o.limits.maxTotalBytes = qint64(8) << 20;
        o.limits.ratioFloorBytes = qint64(1) << 40;

        const QString flat = d.filePath(QStringLiteral("flat.zip"));
        QVERIFY(testutil::writeArchive(flat, QStringLiteral("zip"), { { "a.bin", noise(4 << 20) }, { "b.bin", noise(4 << 20) }, { "c.bin", noise(4 << 20) } }));
        auto kase = testutil::newCase(d);
        QVERIFY(kase);
        ImportReport r = importPaths(*kase, { flat }, o);
        QVERIFY(!r.errors.empty());
        QVERIFY2(r.errors[0].message.contains(QStringLiteral("expands past 8 MiB")) && r.errors[0].file.startsWith(flat + QStringLiteral("!/")),
            qPrintable(r.errors[0].toString()));

        QList<QPair<QByteArray, QByteArray>> inners;
        for (const char* name : { "one.zip", "two.zip", "three.zip" }) {
            const QString inner = d.filePath(QString::fromLatin1(name));
            QVERIFY(testutil::writeArchive(inner, QStringLiteral("tar"), { { "x.bin", noise(3 << 20) } }));
            inners.append({ name, testutil::readFile(inner) });
        }
        const QString nested = d.filePath(QStringLiteral("nested.tar"));
        QVERIFY(testutil::writeArchive(nested, QStringLiteral("tar"), inners));
        r = importPaths(*kase, { nested }, o);
        bool refused = false;
        for (const Problem& p : r.errors)
            refused = refused || (p.message.contains(QStringLiteral("expands past 8 MiB")) && p.file.startsWith(nested + QStringLiteral("!/")));
        QVERIFY2(refused, r.errors.empty() ? "nested archives expanded past the total unrefused" : qPrintable(r.errors[0].toString()));

        // The per-entry limit the same way.
        ImportOptions entry = o;
        entry.limits.maxTotalBytes = qint64(16) << 30;
        entry.limits.maxEntryBytes = qint64(1) << 20;
        r = importPaths(*kase, { flat }, entry);
        QVERIFY(!r.errors.empty());
        QVERIFY2(r.errors[0].message.contains(QStringLiteral("entry expands past 1 MiB")) && r.errors[0].file == flat + QStringLiteral("!/a.bin"),
            qPrintable(r.errors[0].toString()));
        QCOMPARE(kase->integrityCheck(), QStringLiteral("ok"));
    }

    void archivesNestedTooDeep()
    {
        // An archive in an archive is read; one level more is refused, naming the archive that was not opened.
        QTemporaryDir d;
        QString current = d.filePath(QStringLiteral("l3.zip"));
        QVERIFY(testutil::writeArchive(current, QStringLiteral("zip"), { { "x.json", k8sPayload("deep") } }));
        for (const char* name : { "l2.zip", "l1.zip" }) {
            const QString next = d.filePath(QString::fromLatin1(name));
            QVERIFY(testutil::writeArchive(next, QStringLiteral("zip"), { { QFileInfo(current).fileName().toUtf8(), testutil::readFile(current) } }));
            current = next;
        }
        const QString top = file(QStringLiteral("l0.zip"));
        QVERIFY(testutil::writeArchive(top, QStringLiteral("zip"), { { "l1.zip", testutil::readFile(current) } }));
        importRefused({ top }, top + QStringLiteral("!/l1.zip!/l2.zip"), QString(), QStringLiteral("nested more than 2 deep"));
    }

    // ---- 10,000-deep nesting -----------------------------------------------------------------------------------------
    void deepNesting_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("words");
        const int n = 10000;
        QTest::newRow("json arrays") << "deep-arrays.json" << QByteArray(n, '[') + QByteArray(n, ']') << "line 1, column" << "nesting is deeper than 256";
        QByteArray objects;
        for (int i = 0; i < n; ++i)
            objects += "{\"a\":";
        objects += "1" + QByteArray(n, '}');
        QTest::newRow("json objects") << "deep-objects.json" << objects << "line 1, column" << "nesting is deeper than 256";
        QTest::newRow("snapshot digests") << "deep-digests.json"
                                          << "{\"artifacts\":[{\"podName\":\"p\",\"digests\":" + QByteArray(n, '[') + QByteArray(n, ']') + "}]}" << "line 1, column"
                                          << "nesting is deeper than 256";
        QByteArray xml = "<?xml version=\"1.0\"?><testsuite name=\"s\">";
        for (int i = 0; i < n; ++i)
            xml += "<testcase>";
        QTest::newRow("junit xml") << "deep.xml" << xml << "line 1" << "nested deeper than 256";
        QTest::newRow("flow template yaml") << "deep-template.yml" << "version: 1\ntrail:\n  attestations: " + QByteArray(n, '[') + QByteArray(n, ']') + "\n"
                                            << "line 3" << "nesting is deeper than 64";
        QByteArray indented = "version: 1\ntrail:\n";
        for (int i = 0; i < 200; ++i)
            indented += QByteArray(2 * (i + 1), ' ') + "k" + QByteArray::number(i) + ":\n";
        QTest::newRow("flow template yaml, indented") << "deep-indented.yml" << indented << "line" << "nesting is deeper than 64";
        QTest::newRow("dsse payload") << "deep-payload.intoto.json" << dsse("application/vnd.in-toto+json", QByteArray(n, '[') + QByteArray(n, ']')) << "payload"
                                      << "nesting is deeper than 256";
        QTest::newRow("sigstore bundle") << "deep.sigstore.json"
                                         << "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":" + QByteArray(n, '[')
                + QByteArray(n, ']') + "}"
                                         << "line 1, column" << "nesting is deeper than 256";
    }
    void deepNesting()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, where);
        QFETCH(QString, words);
        importRefused({ write(name, bytes) }, file(name), where, words);
    }

    void deepNestingInPolicies()
    {
        const int n = 10000;
        policyRefused(kPolicyHead + "artifacts: " + QByteArray(n, '[') + QByteArray(n, ']') + "\n", QStringLiteral("deep-policy.yml"), QStringLiteral("line 2"),
            QStringLiteral("nesting is deeper than 64"));
        QByteArray blocks = kPolicyHead + "artifacts:\n";
        for (int i = 0; i < 100; ++i)
            blocks += QByteArray(2 * (i + 1), ' ') + "- \n";
        policyRefused(blocks, QStringLiteral("deep-policy-blocks.yml"), QStringLiteral("line"), QStringLiteral("nesting is deeper than 64"));
        // An expression nested 10,000 deep: longer than an expression may be, refused before it is parsed.
        policyRefused(kPolicyHead + "artifacts:\n  provenance:\n    required: true\n    exceptions:\n      - if: ${{ " + QByteArray(n, '(') + "true"
                + QByteArray(n, ')') + " }}\n",
            QStringLiteral("deep-expression.yml"), QStringLiteral("artifacts.provenance.exceptions[0].if"), QStringLiteral("longer than"));
        // One nested just past the parser's depth limit, short enough to be parsed.
        policyRefused(kPolicyHead + "artifacts:\n  provenance:\n    required: true\n    exceptions:\n      - if: ${{ " + QByteArray(100, '(') + "true"
                + QByteArray(100, ')') + " }}\n",
            QStringLiteral("deep-expression-100.yml"), QStringLiteral("artifacts.provenance.exceptions[0].if"), QStringLiteral("nested deeper than"));
    }

    // ---- lengths that claim gigabytes ----------------------------------------------------------------------------
    void hugeLengthClaims_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("path"); // the file the error names: name, or an entry of it after "!/"
        QTest::addColumn<QString>("words");
        QTest::newRow("zip header claims 4 GiB") << "claims.zip" << storedZip("x.json", k8sPayload("z"), 0xFFFFFFF0u) << "claims.zip!/x.json" << "cannot read archive";
        QTest::newRow("tar header claims 8 GiB") << "claims.tar" << tarClaiming("x.json", k8sPayload("t"), "77777777777") << "claims.tar!/x.json"
                                                << "cannot read archive";
        QByteArray gz = compressed(k8sPayload("g"), "gzip");
        gz.chop(4);
        le(gz, 0xFFFFFFF0u, 4); // ISIZE: the uncompressed size, mod 2^32
        QTest::newRow("gzip trailer claims 4 GiB") << "claims.json.gz" << gz << "claims.json.gz!/claims.json" << "gzip trailer says 4294967280 bytes";
        // Its claim is met while libarchive is still working out what the file is: the error names the file.
        QTest::newRow("zstd frame claims 1 TiB") << "claims.json.zst" << zstdFrameClaiming(k8sPayload("s"), quint64(1) << 40) << "claims.json.zst"
                                                << "zstd decompression failed";
    }
    void hugeLengthClaims()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, path);
        QFETCH(QString, words);
        write(name, bytes);
        importRefused({ file(name) }, file(path), QString(), words);
    }

    void keyClaimingGigabytes()
    {
        // DER whose outer length claims 2 GiB, as a PEM public key given to `verify --key`.
        const QByteArray der = QByteArray::fromHex("3084") + QByteArray::fromHex("7FFFFFFF") + QByteArray(32, '\x05');
        const QString key = write(QStringLiteral("huge.pub"), "-----BEGIN PUBLIC KEY-----\n" + der.toBase64() + "\n-----END PUBLIC KEY-----\n");
        const QString env = write(QStringLiteral("for-huge-key.json"), dsse("application/vnd.in-toto+json", statement()));
        const testutil::Run r = testutil::runTideline({ QStringLiteral("verify"), env, QStringLiteral("--key"), key });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(key.toUtf8()), r.err.constData());
        // The same key imported into the case: refused, naming it.
        importRefused({ key }, key, QString(), QStringLiteral("key"), {});
    }

    void storedFrameClaimingGigabytes()
    {
        // A case file's stored source whose zstd frame claims 4 GiB (and a tampered size column that agrees):
        // refused without allocating what it claims (sanitizer builds cap single allocations at 2 GiB).
        const qint64 claimed = qint64(1) << 32;
        Result<QByteArray> d = decodeSource(zstdFrameClaiming("hello", quint64(claimed)), QStringLiteral("zstd"), claimed, nullptr);
        QVERIFY(!d.ok());
        QVERIFY2(d.problem().message.contains(QStringLiteral("does not decompress")), qPrintable(d.error()));
        d = decodeSource(zstdFrameClaiming("hello", 3u << 30), QStringLiteral("zstd"), qint64(3) << 30, nullptr);
        QVERIFY(!d.ok());
    }

    // ---- invalid UTF-8 -----------------------------------------------------------------------------------------------
    void invalidUtf8_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("words");
        QTest::newRow("snapshot") << "utf8.json" << QByteArray("{\"artifacts\":[{\"podName\":\"\xff\xfe\",\"namespace\":\"n\",\"digests\":{},\"creationTimestamp\":1}]}")
                                  << "line 1, column" << "invalid UTF-8";
        QTest::newRow("overlong") << "utf8-overlong.json" << QByteArray("{\"artifacts\":[{\"podName\":\"\xc0\xaf\",\"digests\":{}}]}") << "line 1, column"
                                  << "invalid UTF-8";
        QTest::newRow("junit") << "utf8.xml" << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><testsuite><testcase name=\"\xff\"/></testsuite>") << "line 1"
                               << "not valid UTF-8";
        QTest::newRow("flow template") << "utf8-template.yml" << QByteArray("version: 1\ntrail:\n  attestations:\n  - name: \xed\xa0\x80\n    type: junit\n")
                                       << "line 4, column 11" << "invalid UTF-8";
        QTest::newRow("dsse payload") << "utf8-payload.intoto.json"
                                      << dsse("application/vnd.in-toto+json", "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"\xff\"}]}")
                                      << "payload" << "invalid UTF-8";
    }
    void invalidUtf8()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, where);
        QFETCH(QString, words);
        importRefused({ write(name, bytes) }, file(name), where, words);
    }

    void invalidUtf8InManifestAndPolicy()
    {
        QDir().mkpath(file(QStringLiteral("umanifest")));
        write(QStringLiteral("umanifest/s.json"), k8sPayload("u"));
        write(QStringLiteral("umanifest/tideline-bundle.json"), "{\"tideline_bundle\":1,\"snapshots\":[{\"path\":\"s.json\",\"environment\":\"pr\xff\"}]}");
        importRefused({ file(QStringLiteral("umanifest")) }, file(QStringLiteral("umanifest/tideline-bundle.json")), QStringLiteral("line 1, column"),
            QStringLiteral("invalid UTF-8"), { QStringLiteral("--env"), QStringLiteral("prod") },
            { { QStringLiteral("sources"), 1 }, { QStringLiteral("snapshots"), 1 }, { QStringLiteral("reports"), 1 }, { QStringLiteral("runs"), 1 } });
        policyRefused(kPolicyHead + "artifacts:\n  attestations:\n  - name: \xff\xfe\n    type: junit\n", QStringLiteral("utf8-policy.yml"), QStringLiteral("line 4, column 11"),
            QStringLiteral("invalid UTF-8"));
    }

    // ---- duplicate keys ----------------------------------------------------------------------------------------------
    void duplicateKeys_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("words");
        QTest::newRow("snapshot root") << "dup-root.json" << "{\"artifacts\":[],\"artifacts\":" + k8sPayload("d").mid(13) << "artifacts" << "appears twice";
        QTest::newRow("snapshot digests") << "dup-digests.json"
                                          << "{\"artifacts\":[{\"podName\":\"p\",\"namespace\":\"n\",\"creationTimestamp\":1,\"digests\":{\"a\":\"" + kFp + "\",\"a\":\""
                + QByteArray(64, 'd') + "\"}}]}"
                                          << "artifacts[0].digests.a" << "appears twice";
        QTest::newRow("dsse envelope") << "dup-envelope.intoto.json"
                                       << "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"" + base64(statement()) + "\",\"payload\":\""
                + base64(statement(QByteArray(64, 'e'))) + "\",\"signatures\":[]}"
                                       << "payload" << "appears twice";
        QTest::newRow("dsse payload") << "dup-payload.intoto.json"
                                      << dsse("application/vnd.in-toto+json",
                                             "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"subject\":[{\"name\":\"x\",\"digest\":{\"sha256\":\"" + kFp + "\"}}]}")
                                      << "payload" << "appears twice";
        QTest::newRow("sarif") << "dup.sarif" << QByteArray("{\"version\":\"2.1.0\",\"runs\":[],\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\"}},\"results\":[]}]}") << "runs"
                               << "appears twice";
        QTest::newRow("flow template") << "dup-template.yml" << QByteArray("version: 1\ntrail:\n  attestations:\n  - name: a\n    type: junit\ntrail:\n  attestations: []\n")
                                       << "line 6, column 1" << "appears twice";
        QTest::newRow("junit attribute") << "dup-attr.xml" << QByteArray("<testsuite><testcase name=\"a\" name=\"b\"/></testsuite>") << "line 1" << "redefined";
    }
    void duplicateKeys()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, where);
        QFETCH(QString, words);
        importRefused({ write(name, bytes) }, file(name), where, words);
    }

    void duplicateKeysInManifestAndPolicy()
    {
        QDir().mkpath(file(QStringLiteral("dmanifest")));
        write(QStringLiteral("dmanifest/s.json"), k8sPayload("dm"));
        write(QStringLiteral("dmanifest/tideline-bundle.json"),
            "{\"tideline_bundle\":1,\"snapshots\":[{\"path\":\"s.json\",\"environment\":\"prod\",\"environment\":\"staging\"}]}");
        importRefused({ file(QStringLiteral("dmanifest")) }, file(QStringLiteral("dmanifest/tideline-bundle.json")), QStringLiteral("snapshots[0].environment"),
            QStringLiteral("appears twice"), { QStringLiteral("--env"), QStringLiteral("prod") },
            { { QStringLiteral("sources"), 1 }, { QStringLiteral("snapshots"), 1 }, { QStringLiteral("reports"), 1 }, { QStringLiteral("runs"), 1 } });
        policyRefused(kPolicyHead + "artifacts:\n  provenance:\n    required: true\n  provenance:\n    required: false\n", QStringLiteral("dup-policy.yml"),
            QStringLiteral("line 5, column 3"), QStringLiteral("appears twice"));
    }

    // ---- entity expansion --------------------------------------------------------------------------------------------
    void entityExpansion_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("words");
        QByteArray laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [\n<!ENTITY lol \"lol\">\n";
        for (int i = 1; i < 10; ++i) {
            laughs += "<!ENTITY lol" + QByteArray::number(i) + " \"";
            for (int k = 0; k < 10; ++k)
                laughs += "&lol" + (i > 1 ? QByteArray::number(i - 1) : QByteArray()) + ";";
            laughs += "\">\n";
        }
        laughs += "]>\n<testsuite name=\"&lol9;\"><testcase name=\"a\"/></testsuite>\n";
        QTest::newRow("billion laughs") << "laughs.xml" << laughs << "line" << "document type declaration is refused";
        QTest::newRow("external entity") << "xxe.xml"
                                         << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><testsuite><testcase name=\"&x;\"/></testsuite>")
                                         << "line" << "document type declaration is refused";
        QTest::newRow("parameter entity") << "pe.xml"
                                          << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY % p SYSTEM \"http://example.com/x.dtd\"> %p;]><testsuite/>") << "line"
                                          << "document type declaration is refused";
        QTest::newRow("undeclared entity") << "undeclared.xml" << QByteArray("<testsuite><testcase name=\"&nope;\"/></testsuite>") << "line" << "nope";
        // YAML's aliases are its entities: a flow template whose aliases expand a billion times.
        QByteArray yaml = "version: 1\ntrail:\n  attestations: []\n  artifacts:\n  - name: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
        for (int i = 1; i < 10; ++i) {
            yaml += "  - name: &a" + QByteArray::number(i) + " [";
            for (int k = 0; k < 10; ++k)
                yaml += (k ? ", *a" : "*a") + QByteArray::number(i - 1);
            yaml += "]\n";
        }
        QTest::newRow("yaml aliases") << "laughs.yml" << yaml << "line" << "expands to more than";
    }
    void entityExpansion()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, where);
        QFETCH(QString, words);
        importRefused({ write(name, bytes) }, file(name), where, words);
    }

    void aliasExpansionInPolicy()
    {
        QByteArray yaml = kPolicyHead + "artifacts:\n  attestations:\n  - name: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n    type: junit\n";
        for (int i = 1; i < 10; ++i) {
            yaml += "  - name: &a" + QByteArray::number(i) + " [";
            for (int k = 0; k < 10; ++k)
                yaml += (k ? ", *a" : "*a") + QByteArray::number(i - 1);
            yaml += "]\n    type: junit\n";
        }
        policyRefused(yaml, QStringLiteral("laughs-policy.yml"), QStringLiteral("line"), QStringLiteral("expands to more than"));
    }

    // ---- DSSE with a swapped payloadType ---------------------------------------------------------------------------------
    void dsseSwappedPayloadType()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary to sign with");
        QTemporaryDir keys;
        const evidencetest::TestKey key = evidencetest::makeKey(keys, QStringLiteral("ed25519"), QStringLiteral("signer"));
        QVERIFY(!key.publicBytes.isEmpty());
        const QByteArray body = statement(QByteArray(64, 'f'));
        const QByteArray sig = evidencetest::sign(keys, key, pae("application/vnd.in-toto+json", body), evidencetest::Encoding::Pure);
        QVERIFY(!sig.isEmpty());
        auto verify = [&](const QString& path) {
            return testutil::runTideline({ QStringLiteral("verify"), QStringLiteral("--json"), path, QStringLiteral("--key"), key.publicPem });
        };
        // As signed: verified.
        const QString good = write(QStringLiteral("signed.intoto.json"), dsse("application/vnd.in-toto+json", body, sig));
        testutil::Run r = verify(good);
        QVERIFY2(r.exitCode == 0, r.out.constData());
        // The type swapped for another in-toto type after signing: the signature covers the type, so it fails.
        const QString swapped = write(QStringLiteral("swapped.intoto.json"), dsse("application/vnd.in-toto.provenance+json", body, sig));
        r = verify(swapped);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json()[QLatin1String("verdict")].toString(), QStringLiteral("bad-signature"));
        QVERIFY2(!r.json()[QLatin1String("detail")].toString().isEmpty(), r.out.constData());
        // A statement signed under a type that is not in-toto's: whatever its signature, it is not accepted, and
        // binds nothing when imported.
        const QByteArray foreignSig = evidencetest::sign(keys, key, pae("text/plain", body), evidencetest::Encoding::Pure);
        const QString foreign = write(QStringLiteral("foreign-type.intoto.json"), dsse("text/plain", body, foreignSig));
        r = verify(foreign);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json()[QLatin1String("verdict")].toString(), QStringLiteral("unsupported"));
        QVERIFY2(r.json()[QLatin1String("detail")].toString().contains(QStringLiteral("payloadType is 'text/plain'")), r.out.constData());
        QCOMPARE(r.json()[QLatin1String("subjects")].toArray().size(), 0);

        const QMap<QString, int> before = counts();
        r = testutil::runTideline({ QStringLiteral("import"), QStringLiteral("--json"), QStringLiteral("--case"), m_case, key.publicPem, swapped, foreign });
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QCOMPARE(counts().value(QStringLiteral("evidence")), before.value(QStringLiteral("evidence")) + 2);
        QCOMPARE(counts().value(QStringLiteral("evidence_bindings")), before.value(QStringLiteral("evidence_bindings")) + 1); // the swapped one's subject only
        const testutil::Run ev = testutil::runTideline({ QStringLiteral("evidence"), QStringLiteral("--json"), QStringLiteral("--case"), m_case,
            QStringLiteral("--fingerprint"), QString::fromLatin1(QByteArray(64, 'f')) });
        QVERIFY2(ev.out.contains("bad-signature"), ev.out.constData());
        checkWhole();
    }

    // ---- a policy regex that backtracks ------------------------------------------------------------------------------------
    void backtrackingPolicyRegex()
    {
        // ^(a+)+$ against thirty a's and a '!' takes 2^30 steps: the match gives up at its step limit, and the
        // exception is an evaluation error the finding names, not a silent "no match".
        const QString snap = write(QStringLiteral("aaa.json"), k8sPayload("aaa", QByteArray(64, '9'), QByteArray(30, 'a') + "!"));
        testutil::Run r = testutil::runTideline({ QStringLiteral("import"), QStringLiteral("--case"), m_case, QStringLiteral("--env"), QStringLiteral("regex-env"),
            QStringLiteral("--at"), QStringLiteral("2026-01-05T00:00:00Z"), snap });
        QCOMPARE(r.exitCode, 0);
        const QString policy = write(QStringLiteral("regex-policy.yml"),
            kPolicyHead + "artifacts:\n  provenance:\n    required: true\n    exceptions:\n      - if: ${{ matches(artifact.name, \"^(a+)+$\") }}\n");
        r = testutil::runTideline({ QStringLiteral("check"), QStringLiteral("--json"), QStringLiteral("--case"), m_case, QStringLiteral("--env"), QStringLiteral("regex-env"),
            QStringLiteral("--policy"), policy });
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
        QVERIFY2(r.out.contains("backtracks too much"), r.out.constData());
        checkWhole();
    }

    // ---- timestamps before 1970 and after 9999 ---------------------------------------------------------------------------
    void timestampsOutOfRange_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("words");
        const QByteArray digests = "\"digests\":{\"a\":\"" + kFp + "\"}";
        QTest::newRow("payload, 1969") << "t-payload-1969.json" << "{\"artifacts\":[{\"podName\":\"p\",\"namespace\":\"n\"," + digests + ",\"creationTimestamp\":-1}]}"
                                       << "artifacts[0].creationTimestamp" << "outside 1970..9999";
        QTest::newRow("payload, 10000") << "t-payload-10000.json"
                                        << "{\"artifacts\":[{\"podName\":\"p\",\"namespace\":\"n\"," + digests + ",\"creationTimestamp\":253402300800}]}"
                                        << "artifacts[0].creationTimestamp" << "outside 1970..9999";
        auto pod = [&](const QByteArray& created) -> QByteArray {
            return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"n\",\"creationTimestamp\":\"" + created
                + "\"},\"status\":{\"phase\":\"Running\",\"containerStatuses\":[{\"name\":\"c\",\"image\":\"a:1\",\"imageID\":\"docker-pullable://a@sha256:" + kFp
                + "\"}]}}";
        };
        QTest::newRow("kubectl, 1969") << "t-pod-1969.json" << pod("1969-12-31T23:59:59Z") << "metadata.creationTimestamp" << "1970";
        QTest::newRow("kubectl, 10000") << "t-pod-10000.json" << pod("10000-01-01T00:00:00Z") << "metadata.creationTimestamp" << "";
        QTest::newRow("ecs, 1969") << "t-ecs-1969.json"
                                   << "{\"tasks\":[{\"taskArn\":\"t\",\"lastStatus\":\"RUNNING\",\"startedAt\":\"1969-07-20T20:17:00Z\",\"containers\":[{\"name\":\"a\","
                                      "\"image\":\"a@sha256:"
                + kFp + "\"}]}]}"
                                   << "tasks[0].startedAt" << "";
        QTest::newRow("docker, 10000") << "t-docker-10000.json"
                                       << "[{\"Id\":\"" + QByteArray(64, '1') + "\",\"Created\":\"12000-01-01T00:00:00Z\",\"State\":{\"Running\":true},\"Config\":{\"Image\":\"a:1\"},"
                                                                               "\"Image\":\"sha256:"
                + QByteArray(64, '2') + "\"},{\"Id\":\"sha256:" + QByteArray(64, '2') + "\",\"RepoDigests\":[\"a@sha256:" + kFp + "\"]}]"
                                       << "[0].Created" << "";
        QTest::newRow("lambda, 1969") << "t-lambda-1969.json"
                                      << "{\"Functions\":[{\"FunctionName\":\"f\",\"PackageType\":\"Image\",\"CodeSha256\":\"" + kFp
                + "\",\"LastModified\":\"1969-01-01T00:00:00.000+0000\"}]}"
                                      << "Functions[0].LastModified" << "";
        QTest::newRow("server snapshot, 1969") << "t-server-1969.json" << QByteArray("{\"index\":1,\"timestamp\":-86400,\"type\":\"K8S\",\"artifacts\":[]}") << "timestamp" << "";
        QTest::newRow("server snapshot, 10000") << "t-server-10000.json" << QByteArray("{\"index\":1,\"timestamp\":1e15,\"type\":\"K8S\",\"artifacts\":[]}") << "timestamp" << "";
        QTest::newRow("junit, 1969") << "t-junit-1969.xml" << QByteArray("<testsuite timestamp=\"1969-12-31T23:59:59\"><testcase name=\"a\"/></testsuite>") << "line"
                                     << "1970";
        QTest::newRow("sigstore integratedTime, far future") << "t-sigstore.json"
                                                       << "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":{"
                                                          "\"hint\":\"aGludA==\"},\"tlogEntries\":[{\"logIndex\":\"1\",\"integratedTime\":\"9223372036854775807\"}]},"
                                                          "\"dsseEnvelope\":"
                + dsse("application/vnd.in-toto+json", statement()) + "}"
                                                       << "verificationMaterial.tlogEntries[0].integratedTime" << "outside 1970..9999";
        QTest::newRow("cyclonedx, 1969") << "t-bom-1969.json"
                                         << QByteArray("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"metadata\":{\"timestamp\":\"1969-07-20T20:17:00Z\","
                                                       "\"component\":{\"name\":\"app\"}}}")
                                         << "metadata.timestamp" << "outside 1970..9999";
        QTest::newRow("kosli attestation, 1969") << "t-attestation-1969.json"
                                                 << QByteArray("[{\"attestation_id\":\"a\",\"attestation_name\":\"unit\",\"attestation_type\":\"junit\","
                                                               "\"flow_name\":\"f\",\"trail_name\":\"t\",\"is_compliant\":true,\"created_at\":-1}]")
                                                 << "[0].created_at" << "outside 1970..9999";
        QTest::newRow("trail, 10000") << "t-trail-10000.json"
                                      << QByteArray("{\"name\":\"t\",\"flow\":{\"name\":\"f\"},\"created_at\":1e13,\"compliance_status\":{\"status\":\"COMPLIANT\","
                                                    "\"is_compliant\":true,\"attestations_statuses\":[],\"artifacts_statuses\":{}},\"events\":[]}")
                                      << "created_at" << "outside 1970..9999";
    }
    void timestampsOutOfRange()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, where);
        QFETCH(QString, words);
        importRefused({ write(name, bytes) }, file(name), where, words);
    }

    void timestampsOutOfRangeInContext()
    {
        // On the command line and in a manifest.
        const QString p = write(QStringLiteral("t-context.json"), k8sPayload("tc"));
        for (const QString& at : { QStringLiteral("1969-12-31T23:59:59Z"), QStringLiteral("10000-01-01T00:00:00Z") }) {
            const testutil::Run r = testutil::runTideline({ QStringLiteral("import"), QStringLiteral("--case"), m_case, QStringLiteral("--env"), QStringLiteral("prod"),
                QStringLiteral("--at"), at, p });
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("--at"), r.err.constData());
        }
        QDir().mkpath(file(QStringLiteral("tmanifest")));
        write(QStringLiteral("tmanifest/s.json"), k8sPayload("tm"));
        write(QStringLiteral("tmanifest/tideline-bundle.json"),
            "{\"tideline_bundle\":1,\"snapshots\":[{\"path\":\"s.json\",\"environment\":\"prod\",\"type\":\"K8S\",\"taken_at\":\"1969-12-31T23:59:59Z\"}]}");
        importRefused({ file(QStringLiteral("tmanifest")) }, file(QStringLiteral("tmanifest/tideline-bundle.json")), QStringLiteral("snapshots[0].taken_at"), QString(), {},
            {});
    }

    void cleanupTestCase()
    {
        // After everything above, the case is whole and still answers.
        checkWhole();
        const testutil::Run r = testutil::runTideline({ QStringLiteral("envs"), QStringLiteral("--json"), QStringLiteral("--case"), m_case });
        QCOMPARE(r.exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
