// SPDX-License-Identifier: GPL-3.0-or-later
// Who signed a pack, and whether the case still holds what a pack recorded: a pack edited and re-signed with
// another key fails a pinned check and is reported with its real signer; a file listed only in SHA256SUMS fails;
// organisation keys (Ed25519, ECDSA P-256, P-384) sign packs that stock openssl verifies; the case's log is signed
// (a signature per transaction seals its entries), and a review edited or a decision deleted with sqlite3, the chain recomputed, is caught by
// verify-case --against the pack; old, unsigned entries are counted, not called tampered; and stock tools
// (sqlite3, openssl, sha256sum) recheck the whole log of a real case.

#include "evidence_openssl.h"
#include "testutil.h"

#include "compliance/findings.h"
#include "demo/generator.h"
#include "domain/hash.h"
#include "evidence/packsigner.h"
#include "import/importer.h"
#include "pack/logagainstpack.h"
#include "pack/pack.h"
#include "review/review.h"
#include "review/verify.h"
#include "store/casefile.h"
#include "store/schema.h"
#include "store/logstore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QtTest>

using namespace tideline;

namespace {

struct Tool {
    int exitCode = -1;
    QByteArray out;
};

Tool sh(const QString& script, const QString& dir = QString())
{
    QProcess p;
    if (!dir.isEmpty())
        p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("sh"), { QStringLiteral("-c"), script });
    Tool t;
    if (!p.waitForFinished(120000))
        return t;
    t.exitCode = p.exitCode();
    t.out = p.readAll();
    return t;
}

QJsonObject readJson(const QString& path) { return QJsonDocument::fromJson(testutil::readFile(path)).object(); }

bool exec(CaseFile& kase, const QString& sql, const QVariantList& values = {})
{
    QSqlQuery q(kase.db());
    if (!q.prepare(sql))
        return false;
    for (const QVariant& v : values)
        q.addBindValue(v);
    return q.exec();
}

// What someone with sqlite3 and no key does after changing the log: recompute every hash from the first entry
// changed on, and drop the signatures that no longer verify (keepSignatures: leave them, broken).
void rechain(CaseFile& kase, qint64 from, bool keepSignatures)
{
    QString prev = LogStore::genesisHash();
    for (const LogEntry& e : LogStore(kase.db()).list()) {
        const QString hash = LogStore::entryHash(prev, e.at, e.actor, e.action, e.detail);
        if (e.id >= from) {
            QVERIFY(exec(kase, QStringLiteral("UPDATE log SET hash = ? WHERE id = ?"), { hash, e.id }));
            if (!keepSignatures)
                QVERIFY(exec(kase, QStringLiteral("UPDATE log SET signature = NULL, signer = NULL, cosignature = NULL, cosigner = NULL WHERE id = ?"), { e.id }));
        }
        prev = hash;
    }
}

PackSigner loadKey(const QString& path)
{
    Result<PackSigner> k = PackSigner::load(path);
    if (!k)
        qFatal("%s", qPrintable(k.error()));
    return std::move(k).value();
}

} // namespace

class TestTrustPack : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_bundle;
    QString m_exporterKey; // the generated exporter key: signs packs and the log by default
    evidencetest::TestKey m_other; // someone else's key
    int m_n = 0;

    QString fresh(const QString& what) { return m_dir.filePath(QStringLiteral("%1-%2").arg(what).arg(++m_n)); }

    // A case of the generated bundle, its log signed by the exporter key, with one decision on it.
    std::unique_ptr<CaseFile> signedCase(QString* reviewed = nullptr)
    {
        setLogSigner(std::make_shared<PackSigner>(loadKey(m_exporterKey)));
        auto kase = std::move(CaseFile::open(fresh(QStringLiteral("case")) + QStringLiteral(".tideline"))).value();
        const ImportReport r = importPaths(*kase, { m_bundle }, ImportOptions());
        if (!r.errors.empty())
            qWarning("%s", qPrintable(r.errors.front().toString()));
        const CheckReport check = *checkCase(*kase);
        const Result<Review> rv = recordReview(*kase, check.findings.front().id, Disposition::AcceptedRisk,
            QStringLiteral("CHG-1042, approved by the CAB"), QStringLiteral("ana"));
        if (!rv)
            qWarning("%s", qPrintable(rv.error()));
        if (reviewed)
            *reviewed = check.findings.front().id;
        return kase;
    }

    Result<PackResult> exportOf(CaseFile& kase, const QString& signingKey = QString())
    {
        PackOptions o;
        o.keyPath = m_exporterKey;
        o.signingKey = signingKey;
        o.exporter = QStringLiteral("tests");
        return exportPack(kase, fresh(QStringLiteral("pack")), o);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!evidencetest::haveOpenssl())
            QSKIP("openssl is not installed (scripts/setup.sh installs it)");
        m_exporterKey = m_dir.filePath(QStringLiteral("keys/exporter.pem"));
        QVERIFY(PackSigner::loadOrCreate(m_exporterKey).ok());
        // The command line, run by these tests, signs with the same keys.
        qputenv("TIDELINE_EXPORT_KEY", m_exporterKey.toUtf8());
        qunsetenv("TIDELINE_LOG_KEY");
        qunsetenv("TIDELINE_REVIEW_KEY");
        m_other = evidencetest::makeKey(m_dir, QStringLiteral("ed25519"), QStringLiteral("mallory"));
        QVERIFY(!m_other.privatePem.isEmpty());
        m_bundle = m_dir.filePath(QStringLiteral("bundle"));
        GeneratorOptions o;
        o.environments = 2;
        o.snapshots = 24;
        o.deployments = 3;
        QVERIFY(generateBundle(m_bundle, o).ok());
    }

    void cleanup() { setLogSigner(nullptr); }

    // A pack with a finding removed and the dispositions changed, signed again with another key and still
    // naming the old fingerprint: every check says who really signed it, and a pinned one fails.
    void resignedPackFailsAPinnedCheck()
    {
        auto kase = signedCase();
        Result<PackResult> pack = exportOf(*kase);
        QVERIFY2(pack.ok(), qPrintable(pack.error()));
        const QString genuine = pack->signerFingerprint;
        QVERIFY(verifyPack(pack->dir, genuine).intact);

        const QDir d(pack->dir);
        QJsonObject findings = readJson(d.filePath(QStringLiteral("findings.json")));
        QJsonArray list = findings[QLatin1String("findings")].toArray();
        QVERIFY(list.size() >= 2);
        list.removeFirst();
        for (qsizetype i = 0; i < list.size(); ++i) {
            QJsonObject f = list[i].toObject();
            f[QStringLiteral("disposition")] = QStringLiteral("false-positive");
            list[i] = f;
        }
        findings[QStringLiteral("findings")] = list;
        const QByteArray edited = QJsonDocument(findings).toJson();
        QVERIFY(testutil::writeFile(d.filePath(QStringLiteral("findings.json")), edited));
        const PackSigner mallory = loadKey(m_other.privatePem);
        auto resign = [&](const QString& claimed) {
            QJsonObject manifest = readJson(d.filePath(QStringLiteral("manifest.json")));
            QJsonObject files = manifest[QLatin1String("files")].toObject();
            files[QStringLiteral("findings.json")] = sha256Hex(edited);
            files[QStringLiteral("signer.pub")] = sha256Hex(mallory.publicKeyPem());
            manifest[QStringLiteral("files")] = files;
            manifest[QStringLiteral("signer_fingerprint")] = claimed;
            manifest[QStringLiteral("findings")] = list.size();
            manifest.remove(QStringLiteral("content_sha256"));
            manifest[QStringLiteral("content_sha256")] = sha256Hex(QJsonDocument(manifest).toJson(QJsonDocument::Compact));
            const QByteArray bytes = QJsonDocument(manifest).toJson();
            const QByteArray sig = mallory.sign(bytes);
            QVERIFY(testutil::writeFile(d.filePath(QStringLiteral("manifest.json")), bytes));
            QVERIFY(testutil::writeFile(d.filePath(QStringLiteral("manifest.sig")), sig));
            QVERIFY(testutil::writeFile(d.filePath(QStringLiteral("signer.pub")), mallory.publicKeyPem()));
            QString sums;
            files[QStringLiteral("manifest.json")] = sha256Hex(bytes);
            files[QStringLiteral("manifest.sig")] = sha256Hex(sig);
            for (auto it = files.begin(); it != files.end(); ++it)
                sums += it.value().toString() + QStringLiteral("  ") + it.key() + QLatin1Char('\n');
            QVERIFY(testutil::writeFile(d.filePath(QStringLiteral("SHA256SUMS")), sums.toUtf8()));
        };

        // Claiming the old fingerprint: no check passes, and each names the real signer.
        resign(genuine);
        QCOMPARE(sh(QStringLiteral("sha256sum -c --quiet SHA256SUMS"), pack->dir).exitCode, 0); // stock hashes alone agree
        for (const QString& pin : { QString(), genuine }) {
            const PackVerification v = verifyPack(pack->dir, pin);
            QVERIFY(!v.intact);
            QCOMPARE(v.signerFingerprint, mallory.fingerprint());
            QVERIFY2(v.problems.join(QLatin1Char(' ')).contains(QStringLiteral("names the signer %1, but the key that verified its signature is %2").arg(genuine, mallory.fingerprint())),
                qPrintable(v.problems.join(QStringLiteral("; "))));
        }
        // Claiming its own: unpinned it is a well-formed pack by someone else; pinned to the exporter it fails.
        resign(mallory.fingerprint());
        const PackVerification unpinned = verifyPack(pack->dir);
        QVERIFY2(unpinned.intact, qPrintable(unpinned.problems.join(QStringLiteral("; "))));
        QCOMPARE(unpinned.signerFingerprint, mallory.fingerprint());
        const PackVerification pinned = verifyPack(pack->dir, genuine);
        QVERIFY(!pinned.intact);
        QCOMPARE(pinned.signerFingerprint, mallory.fingerprint());
        QCOMPARE(pinned.problems.first(), QStringLiteral("signed by the key %1, not by the expected signer %2").arg(mallory.fingerprint(), genuine));

        // The command line: unpinned it says so and prints the verifying key; pinned by sha256 or by key, exit 1.
        testutil::Run run = testutil::runTideline({ QStringLiteral("verify-pack"), pack->dir });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("UNPINNED") && run.out.contains(mallory.fingerprint().toUtf8()), run.out.constData());
        run = testutil::runTideline({ QStringLiteral("verify-pack"), pack->dir, QStringLiteral("--signer"), genuine });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("NOT the expected") && run.out.contains(mallory.fingerprint().toUtf8()), run.out.constData());
        const QString genuinePub = m_dir.filePath(QStringLiteral("exporter.pub"));
        QVERIFY(testutil::writeFile(genuinePub, loadKey(m_exporterKey).publicKeyPem()));
        run = testutil::runTideline({ QStringLiteral("verify-pack"), pack->dir, QStringLiteral("--key"), genuinePub, QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.json()[QLatin1String("signer_fingerprint")].toString(), mallory.fingerprint());
        QCOMPARE(run.json()[QLatin1String("expected_signer")].toString(), genuine);
        QCOMPARE(testutil::runTideline({ QStringLiteral("verify-pack"), pack->dir, QStringLiteral("--signer"), QStringLiteral("abc") }).exitCode, 2);
        // Against the case, pinned to its real exporter, the re-signed pack is refused before its log head counts.
        const PackLogCheck against = checkLogAgainstPack(*kase, pack->dir, genuine);
        QVERIFY(!against.holds);
        QVERIFY(against.problems.first().contains(QStringLiteral("the pack does not verify")));
    }

    // A file added to a genuine pack and listed only in the unsigned SHA256SUMS is not part of the pack.
    void fileListedOnlyInSha256sumsFails()
    {
        auto kase = signedCase();
        Result<PackResult> pack = exportOf(*kase);
        QVERIFY(pack.ok());
        const QDir d(pack->dir);
        QVERIFY(testutil::writeFile(d.filePath(QStringLiteral("waiver.txt")), "all findings waived by the CISO"));
        QByteArray sums = testutil::readFile(d.filePath(QStringLiteral("SHA256SUMS")));
        sums += sha256Hex(QByteArray("all findings waived by the CISO")).toUtf8() + "  waiver.txt\n";
        QVERIFY(testutil::writeFile(d.filePath(QStringLiteral("SHA256SUMS")), sums));
        QCOMPARE(sh(QStringLiteral("sha256sum -c --quiet SHA256SUMS"), pack->dir).exitCode, 0); // what sha256sum alone sees
        const PackVerification v = verifyPack(pack->dir, pack->signerFingerprint);
        QVERIFY(!v.intact);
        const QString all = v.problems.join(QStringLiteral("; "));
        QVERIFY2(all.contains(QStringLiteral("SHA256SUMS: lists waiver.txt, which the signed manifest does not")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("waiver.txt: not listed in the signed manifest")), qPrintable(all));
        QCOMPARE(v.signerFingerprint, pack->signerFingerprint); // the signature itself still holds
        // A line taken out of SHA256SUMS fails too: it is derived from the manifest, whole.
        Result<PackResult> other = exportOf(*kase);
        QVERIFY(other.ok());
        const QString otherSums = QDir(other->dir).filePath(QStringLiteral("SHA256SUMS"));
        QList<QByteArray> lines = testutil::readFile(otherSums).split('\n');
        lines.removeFirst();
        QVERIFY(testutil::writeFile(otherSums, lines.join('\n')));
        QVERIFY(verifyPack(other->dir).problems.join(QLatin1Char(' ')).contains(QStringLiteral("SHA256SUMS: does not list")));
    }

    // The organisation's own key signs the pack; stock openssl checks it with the command the README gives.
    void organisationKeysSignPacks_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<QString>("check");
        QTest::addRow("ed25519") << "ed25519" << "ed25519" << "openssl pkeyutl -verify -pubin -inkey signer.pub -rawin -in manifest.json -sigfile manifest.sig";
        QTest::addRow("ecdsa-p256") << "ec-p256" << "ecdsa-p256-sha256" << "openssl dgst -sha256 -verify signer.pub -signature manifest.sig manifest.json";
        QTest::addRow("ecdsa-p384") << "ec-p384" << "ecdsa-p384-sha384" << "openssl dgst -sha384 -verify signer.pub -signature manifest.sig manifest.json";
    }
    void organisationKeysSignPacks()
    {
        QFETCH(QString, kind);
        QFETCH(QString, algorithm);
        QFETCH(QString, check);
        const evidencetest::TestKey org = evidencetest::makeKey(m_dir, kind, QStringLiteral("org-") + kind);
        auto kase = signedCase();
        Result<PackResult> pack = exportOf(*kase, org.privatePem);
        QVERIFY2(pack.ok(), qPrintable(pack.error()));
        QCOMPARE(pack->signerAlgorithm, algorithm);
        // The fingerprint as stock tools print it is the one the pack reports and the one a pinned check wants.
        const Tool fp = sh(QStringLiteral("openssl pkey -in '%1' -pubout -outform DER | sha256sum | cut -c1-64").arg(org.privatePem));
        QCOMPARE(QString::fromLatin1(fp.out.trimmed()), pack->signerFingerprint);
        QCOMPARE(readJson(QDir(pack->dir).filePath(QStringLiteral("manifest.json")))[QLatin1String("signature_algorithm")].toString(), algorithm);
        const PackVerification v = verifyPack(pack->dir, pack->signerFingerprint);
        QVERIFY2(v.intact, qPrintable(v.problems.join(QStringLiteral("; "))));
        QCOMPARE(v.signerAlgorithm, algorithm);
        const Tool stock = sh(check, pack->dir);
        QVERIFY2(stock.exitCode == 0, stock.out.constData());
        QCOMPARE(sh(QStringLiteral("sha256sum -c --quiet SHA256SUMS"), pack->dir).exitCode, 0);
        // One changed byte of the manifest: both openssl and Tideline refuse it.
        const QString manifest = QDir(pack->dir).filePath(QStringLiteral("manifest.json"));
        QByteArray bytes = testutil::readFile(manifest);
        bytes.replace("\"findings\":", "\"findings\" :");
        QVERIFY(testutil::writeFile(manifest, bytes));
        QVERIFY(sh(check, pack->dir).exitCode != 0);
        QVERIFY(!verifyPack(pack->dir).intact);
        // The command line signs with it too, and pins to it by key file.
        const QString out = fresh(QStringLiteral("cli-pack"));
        const QString casePath = kase->path();
        kase.reset();
        testutil::Run run = testutil::runTideline({ QStringLiteral("export"), QStringLiteral("--case"), casePath, QStringLiteral("--out"), out,
            QStringLiteral("--signing-key"), org.privatePem, QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.json()[QLatin1String("signer_fingerprint")].toString(), QString::fromLatin1(fp.out.trimmed()));
        run = testutil::runTideline({ QStringLiteral("verify-pack"), out, QStringLiteral("--key"), org.publicPem });
        QVERIFY2(run.exitCode == 0, run.out.constData());
        QVERIFY(run.out.contains("signer: the expected one"));
        QCOMPARE(sh(check, out).exitCode, 0);
    }

    void unsupportedSigningKeysAreRefused()
    {
        const evidencetest::TestKey rsa = evidencetest::makeKey(m_dir, QStringLiteral("rsa-2048"), QStringLiteral("org-rsa"));
        const evidencetest::TestKey p521 = evidencetest::makeKey(m_dir, QStringLiteral("ec-p521"), QStringLiteral("org-p521"));
        for (const QString& key : { rsa.privatePem, p521.privatePem, rsa.publicPem, m_dir.filePath(QStringLiteral("missing.pem")) }) {
            Result<PackSigner> k = PackSigner::load(key);
            QVERIFY2(!k.ok(), qPrintable(key));
            QVERIFY(k.problem().file == key);
        }
        QVERIFY(PackSigner::load(rsa.privatePem).error().contains(QStringLiteral("Ed25519, ECDSA P-256 or ECDSA P-384")));
        auto kase = signedCase();
        QVERIFY(!exportOf(*kase, rsa.privatePem).ok());
    }

    // An edited review, the chain recomputed: verify-case alone sees the signatures gone or broken, and against the
    // pack exported before, the head it recorded is no longer there.
    void editedReviewIsCaughtAgainstThePack_data()
    {
        QTest::addColumn<bool>("keepSignatures");
        QTest::addRow("signatures stripped") << false;
        QTest::addRow("signatures left") << true;
    }
    void editedReviewIsCaughtAgainstThePack()
    {
        QFETCH(bool, keepSignatures);
        QString reviewed;
        auto kase = signedCase(&reviewed);
        Result<PackResult> pack = exportOf(*kase);
        QVERIFY(pack.ok());
        PackLogCheck before = checkLogAgainstPack(*kase, pack->dir, pack->signerFingerprint);
        QVERIFY2(before.holds, qPrintable(before.problems.join(QStringLiteral("; "))));
        QCOMPARE(before.after, 1); // the export's own entry
        QCOMPARE(before.afterSignedByLogKey, 1);
        QCOMPARE(before.signedNow, before.entries);

        QSqlQuery q(kase->db());
        QVERIFY(q.exec(QStringLiteral("SELECT id, detail FROM log WHERE action = 'review'")) && q.next());
        const qint64 id = q.value(0).toLongLong();
        QString detail = q.value(1).toString();
        q.finish();
        detail.replace(QStringLiteral("\"accepted-risk\""), QStringLiteral("\"false-positive\""));
        QVERIFY(exec(*kase, QStringLiteral("UPDATE log SET detail = ? WHERE id = ?"), { detail, id }));
        QVERIFY(exec(*kase, QStringLiteral("UPDATE reviews SET disposition = 'false-positive'")));
        rechain(*kase, id, keepSignatures);

        const CaseVerifyReport alone = verifyCase(*kase);
        if (keepSignatures) {
            QVERIFY(!alone.intact);
            QVERIFY2(alone.problems.front().where.startsWith(QStringLiteral("log entry %1 (review by ana").arg(id)), qPrintable(alone.problems.front().toString()));
            QVERIFY(alone.problems.front().message.contains(QStringLiteral("does not verify")));
        } else {
            QVERIFY(alone.intact); // the chain holds again: only the missing signatures tell
            QVERIFY(alone.unsignedAfterSigned >= 2);
            QCOMPARE(alone.firstUnsignedAfterSigned, id);
        }
        const PackLogCheck after = checkLogAgainstPack(*kase, pack->dir, pack->signerFingerprint);
        QVERIFY(!after.holds);
        const QString said = after.problems.join(QStringLiteral("; "));
        QVERIFY2(said.contains(QStringLiteral("is no longer in the chain")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("the first entry that no longer holds is entry %1 (review by ana)").arg(id)), qPrintable(said));

        const QString path = kase->path();
        kase.reset();
        testutil::Run run = testutil::runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), path, QStringLiteral("--against"), pack->dir,
            QStringLiteral("--signer"), pack->signerFingerprint });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.startsWith("TAMPERED") && run.out.contains("DOES NOT HOLD"), run.out.constData());
        run = testutil::runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), path, QStringLiteral("--against"), pack->dir, QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.json()[QLatin1String("against")][QLatin1String("holds")].toBool(), false);
    }

    void deletedDecisionIsCaughtAgainstThePack()
    {
        auto kase = signedCase();
        Result<PackResult> pack = exportOf(*kase);
        QVERIFY(pack.ok());
        QSqlQuery q(kase->db());
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM log WHERE action = 'review'")) && q.next());
        const qint64 id = q.value(0).toLongLong();
        q.finish();
        QVERIFY(exec(*kase, QStringLiteral("DELETE FROM reviews")));
        QVERIFY(exec(*kase, QStringLiteral("DELETE FROM log WHERE id = ?"), { id }));
        rechain(*kase, id, false);
        QVERIFY(verifyCase(*kase).intact); // nothing left in the case says a decision was there
        const PackLogCheck after = checkLogAgainstPack(*kase, pack->dir);
        QVERIFY(!after.holds);
        QVERIFY2(after.problems.join(QLatin1Char(' ')).contains(QStringLiteral("is no longer in the chain")), qPrintable(after.problems.join(QStringLiteral("; "))));
        const QString path = kase->path();
        kase.reset();
        const testutil::Run run = testutil::runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), path, QStringLiteral("--against"), pack->dir });
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.contains("is no longer in the chain"));
    }

    // A signature per transaction: every committed entry sealed by one of its log key, a transaction keeps the key
    // it began with, and an edit inside an import group is located to the group.
    void transactionsSealTheirEntries()
    {
        auto kase = signedCase();
        const std::vector<LogEntry> log = LogStore(kase->db()).list();
        int signatures = 0;
        for (size_t i = 0; i < log.size(); ++i) {
            QVERIFY(!log[i].signer.isEmpty());
            signatures += !log[i].signature.isEmpty();
            if (i + 1 == log.size() || log[i + 1].signer != log[i].signer)
                QVERIFY2(!log[i].signature.isEmpty(), qPrintable(QString::number(log[i].id)));
        }
        QVERIFY2(signatures < int(log.size()) / 4, qPrintable(QString::number(signatures))); // one per commit group
        QVERIFY(!log.back().signature.isEmpty()); // the decision, its own transaction

        const PackSigner other = loadKey(m_other.privatePem);
        const Status s = kase->transaction([&]() -> Status {
            LogStore store(kase->db());
            if (!store.append(QStringLiteral("ana"), QStringLiteral("note"), QJsonObject { { QStringLiteral("n"), 1 } }).ok())
                return Problem { QString(), QString(), QStringLiteral("append") };
            setLogSigner(std::make_shared<PackSigner>(loadKey(m_other.privatePem))); // changed meanwhile
            if (!store.append(QStringLiteral("ana"), QStringLiteral("note"), QJsonObject { { QStringLiteral("n"), 2 } }).ok())
                return Problem { QString(), QString(), QStringLiteral("append") };
            return {};
        });
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const std::vector<LogEntry> after = LogStore(kase->db()).list();
        QCOMPARE(after[after.size() - 2].signer, log.back().signer);
        QCOMPARE(after.back().signer, log.back().signer);
        QVERIFY(after[after.size() - 2].signature.isEmpty());
        QVERIFY(!after.back().signature.isEmpty());
        // The next transaction is the new key's.
        QVERIFY(kase->transaction([&]() -> Status { return LogStore(kase->db()).append(QStringLiteral("ana"), QStringLiteral("note"), {}).ok() ? Status() : Status(Problem {}); }).ok());
        QCOMPARE(LogStore(kase->db()).list().back().signer, other.fingerprint());
        QVERIFY(verifyCase(*kase).intact);
        QCOMPARE(verifyCase(*kase).logSigners.size(), size_t(2));

        // An import entry edited, its group's chain recomputed, the signatures left: the group is named.
        const LogEntry& middle = log[3];
        QVERIFY(middle.signature.isEmpty());
        QVERIFY(exec(*kase, QStringLiteral("UPDATE log SET actor = 'mallory' WHERE id = ?"), { middle.id }));
        rechain(*kase, middle.id, true);
        const CaseVerifyReport v = verifyCase(*kase);
        QVERIFY(!v.intact);
        QVERIFY2(v.problems.front().message.contains(QStringLiteral("it or an entry it seals (from entry 1 on) was changed after it was signed")),
            qPrintable(v.problems.front().toString()));
    }

    // Signatures stripped from entries up to the head (the chain untouched) are missed against the pack.
    void strippedSignaturesAreCaughtAgainstThePack()
    {
        auto kase = signedCase();
        Result<PackResult> pack = exportOf(*kase);
        QVERIFY(pack.ok());
        QVERIFY(exec(*kase, QStringLiteral("UPDATE log SET signature = NULL, signer = NULL WHERE id IN (3, 4)")));
        const PackLogCheck after = checkLogAgainstPack(*kase, pack->dir);
        QVERIFY(!after.holds);
        QVERIFY2(after.problems.join(QLatin1Char(' ')).contains(QStringLiteral("no longer carry its signature")), qPrintable(after.problems.join(QStringLiteral("; "))));
        // verify-case alone sees it too: entries written under the log key that no signature seals any more.
        const CaseVerifyReport alone = verifyCase(*kase);
        QVERIFY(!alone.intact);
        QVERIFY2(alone.problems.front().message.contains(QStringLiteral("no signature of that key seals")), qPrintable(alone.problems.front().toString()));
        // And a pack of another case proves nothing about this one.
        auto other = signedCase();
        const PackLogCheck foreign = checkLogAgainstPack(*other, pack->dir);
        QVERIFY(!foreign.holds);
        QVERIFY(foreign.problems.first().contains(QStringLiteral("not of this case")));
    }

    // Entries written before the log was signed: counted and said, never called tampered; a case from before the
    // signed log opens (its schema upgraded) and verifies the same.
    void oldCasesVerifyWithUnsignedEntries()
    {
        setLogSigner(nullptr);
        const QString path = fresh(QStringLiteral("old")) + QStringLiteral(".tideline");
        {
            auto kase = std::move(CaseFile::open(path)).value();
            QVERIFY(importPaths(*kase, { m_bundle }, ImportOptions()).errors.empty());
            // As a case from before the signed log (the last migration): no signature columns, no log_keys.
            for (const char* sql : { "ALTER TABLE log DROP COLUMN signature", "ALTER TABLE log DROP COLUMN signer", "ALTER TABLE log DROP COLUMN cosignature",
                     "ALTER TABLE log DROP COLUMN cosigner", "DROP TABLE log_keys" })
                QVERIFY2(exec(*kase, QString::fromLatin1(sql)), sql);
            // Back to the version before the signed log's migration (later ones, such as contents', run again: they are
            // idempotent).
            int signedLog = -1;
            for (size_t i = 0; i < schema::migrations().size(); ++i)
                if (schema::migrations()[i].description == QLatin1String("signed log"))
                    signedLog = int(i);
            QVERIFY(signedLog >= 0);
            QVERIFY(exec(*kase, QStringLiteral("UPDATE meta SET value = ? WHERE key = 'schema_version'"), { QString::number(signedLog) }));
        }
        Result<std::unique_ptr<CaseFile>> reopened = CaseFile::open(path, CaseFile::Mode::OpenExisting);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
        auto kase = std::move(reopened).value();
        QCOMPARE(kase->schemaVersion(), CaseFile::currentSchemaVersion());
        const int old = int(LogStore(kase->db()).list().size());
        CaseVerifyReport v = verifyCase(*kase);
        QVERIFY2(v.intact, qPrintable(v.problems.empty() ? QString() : v.problems.front().toString()));
        QCOMPARE(v.unsignedEntries, old);
        QCOMPARE(v.unsignedAfterSigned, 0);
        QVERIFY(v.logSigners.empty());
        // Signed from now on.
        setLogSigner(std::make_shared<PackSigner>(loadKey(m_exporterKey)));
        const CheckReport check = *checkCase(*kase);
        QVERIFY(recordReview(*kase, check.findings.front().id, Disposition::Escalated, QStringLiteral("to the CISO"), QStringLiteral("ana")).ok());
        v = verifyCase(*kase);
        QVERIFY(v.intact);
        QCOMPARE(v.unsignedEntries, old);
        QCOMPARE(v.logSigners.size(), size_t(1));
        QCOMPARE(v.logSigners.begin()->second, 1);
        kase.reset();
        const testutil::Run run = testutil::runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), path });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("unsigned entries: %1 (written before the log was signed)").arg(old).toUtf8()), run.out.constData());
        // A pack of it records what is signed and what is not, and holds against it.
        auto again = std::move(CaseFile::open(path, CaseFile::Mode::OpenExisting)).value();
        Result<PackResult> pack = exportOf(*again);
        QVERIFY(pack.ok());
        const QJsonObject log = readJson(QDir(pack->dir).filePath(QStringLiteral("manifest.json")))[QLatin1String("log")].toObject();
        QCOMPARE(log[QLatin1String("unsigned")].toInt(), old);
        QCOMPARE(log[QLatin1String("signed")].toInt(), 1);
        QVERIFY(checkLogAgainstPack(*again, pack->dir).holds);
    }

    // A decision signed with the reviewer's own key: the log says so and by which key, and the signature cannot
    // be taken off unnoticed.
    void reviewerSignsWithTheirOwnKey()
    {
        auto kase = signedCase();
        const evidencetest::TestKey own = evidencetest::makeKey(m_dir, QStringLiteral("ec-p256"), QStringLiteral("ana"));
        const PackSigner ana = loadKey(own.privatePem);
        const CheckReport check = *checkCase(*kase);
        Result<Review> r = recordReview(*kase, check.findings.back().id, Disposition::Remediated, QStringLiteral("rebuilt from main"),
            QStringLiteral("ana"), &ana);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        const LogEntry e = LogStore(kase->db()).list().back();
        QCOMPARE(e.cosigner, ana.fingerprint());
        const QJsonObject d = QJsonDocument::fromJson(e.detail.toUtf8()).object();
        QCOMPARE(d[QLatin1String("reviewer_signed")].toBool(), true);
        QCOMPARE(d[QLatin1String("reviewer_key")].toString(), ana.fingerprint());
        CaseVerifyReport v = verifyCase(*kase);
        QVERIFY(v.intact);
        QCOMPARE(v.cosignedEntries, 1);
        // The earlier, unsigned decision says it was not.
        bool sawUnsigned = false;
        for (const LogEntry& x : LogStore(kase->db()).list())
            if (x.action == QLatin1String("review") && x.id != e.id)
                sawUnsigned = QJsonDocument::fromJson(x.detail.toUtf8())[QLatin1String("reviewer_signed")] == QJsonValue(false);
        QVERIFY(sawUnsigned);
        QVERIFY(exec(*kase, QStringLiteral("UPDATE log SET cosignature = NULL, cosigner = NULL WHERE id = ?"), { e.id }));
        v = verifyCase(*kase);
        QVERIFY(!v.intact);
        QVERIFY2(v.problems.front().message.contains(QStringLiteral("signed by the reviewer's key")), qPrintable(v.problems.front().toString()));

        // From the command line, with --signing-key.
        auto other = signedCase();
        const QString path = other->path();
        const QString finding = checkCase(*other)->findings.back().id;
        other.reset();
        const testutil::Run run = testutil::runTideline({ QStringLiteral("review"), QStringLiteral("--case"), path, finding, QStringLiteral("--disposition"),
            QStringLiteral("remediated"), QStringLiteral("--note"), QStringLiteral("rebuilt"), QStringLiteral("--reviewer"), QStringLiteral("ana"),
            QStringLiteral("--signing-key"), own.privatePem, QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.json()[QLatin1String("reviewer_key")].toString(), ana.fingerprint());
        const testutil::Run verified = testutil::runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), path, QStringLiteral("--json") });
        QCOMPARE(verified.exitCode, 0);
        QCOMPARE(verified.json()[QLatin1String("reviewer_signed_entries")].toInt(), 1);
    }

    // The scheme as the README writes it, rechecked with stock tools alone on a case made by the command line
    // (an ECDSA log key, a reviewer's Ed25519 key), then after an edit with the chain recomputed.
    void stockToolsRecheckTheLog()
    {
        for (const char* tool : { "sqlite3", "jq", "sha256sum" })
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP("sqlite3, jq or sha256sum is not installed (scripts/setup.sh installs them)");
        const QString script = QStringLiteral(TIDELINE_SOURCE_DIR "/scripts/verify-log.sh");
        const evidencetest::TestKey logKey = evidencetest::makeKey(m_dir, QStringLiteral("ec-p384"), QStringLiteral("log-p384"));
        const evidencetest::TestKey own = evidencetest::makeKey(m_dir, QStringLiteral("ed25519"), QStringLiteral("reviewer"));
        const QString path = fresh(QStringLiteral("stock")) + QStringLiteral(".tideline");
        using testutil::runTideline;
        QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), path, m_bundle, QStringLiteral("--log-key"), logKey.privatePem }).exitCode, 0);
        const QJsonArray findings = runTideline({ QStringLiteral("check"), QStringLiteral("--case"), path, QStringLiteral("--json") }).json()[QLatin1String("findings")].toArray();
        QVERIFY(findings.size() >= 2);
        QCOMPARE(runTideline({ QStringLiteral("review"), QStringLiteral("--case"), path, findings[0][QLatin1String("id")].toString(), QStringLiteral("--disposition"),
                     QStringLiteral("accepted-risk"), QStringLiteral("--note"), QStringLiteral("CAB: approved\nsee CHG-1042 (ü)"), QStringLiteral("--reviewer"), QStringLiteral("Ana Ö"),
                     QStringLiteral("--signing-key"), own.privatePem, QStringLiteral("--log-key"), logKey.privatePem })
                     .exitCode,
            0);
        const QString pack = fresh(QStringLiteral("stock-pack"));
        QCOMPARE(runTideline({ QStringLiteral("export"), QStringLiteral("--case"), path, QStringLiteral("--out"), pack, QStringLiteral("--log-key"), logKey.privatePem }).exitCode, 0);
        QCOMPARE(runTideline({ QStringLiteral("review"), QStringLiteral("--case"), path, findings[1][QLatin1String("id")].toString(), QStringLiteral("--disposition"),
                     QStringLiteral("escalated"), QStringLiteral("--note"), QStringLiteral("after the export"), QStringLiteral("--reviewer"), QStringLiteral("bo") })
                     .exitCode,
            0); // signed by the exporter key, the default log key: two log keys now
        const QString signer = readJson(QDir(pack).filePath(QStringLiteral("manifest.json")))[QLatin1String("signer_fingerprint")].toString();
        Tool stock = sh(QStringLiteral("'%1' '%2' '%3' %4").arg(script, path, pack, signer));
        QVERIFY2(stock.exitCode == 0, stock.out.constData());
        QVERIFY2(stock.out.contains("chain and signatures hold; unsigned entries: 0"), stock.out.constData());
        QVERIFY2(stock.out.contains("is still in the chain, signed as it says"), stock.out.constData());
        QVERIFY(testutil::runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), path, QStringLiteral("--against"), pack }).exitCode == 0);
        // Pinned to another signer, the script refuses the pack as Tideline does.
        QCOMPARE(sh(QStringLiteral("'%1' '%2' '%3' %4").arg(script, path, pack, QString(64, QLatin1Char('a')))).exitCode, 1);

        // The decision edited with sqlite3 and the chain recomputed with sha256sum, signatures left as they were:
        // the signatures fail. Then taken off too: the pack's head is gone.
        const QString work = fresh(QStringLiteral("stock-tamper"));
        QVERIFY(QDir().mkpath(work));
        const QString edit = QStringLiteral(
            "set -e; c='%1'\n"
            "sqlite3 \"$c\" \"UPDATE log SET detail = replace(detail, 'accepted-risk', 'false-positive') WHERE action = 'review'; "
            "UPDATE reviews SET disposition = 'false-positive' WHERE disposition = 'accepted-risk'\"\n"
            "prev=0000000000000000000000000000000000000000000000000000000000000000\n"
            "for id in $(sqlite3 \"$c\" 'SELECT id FROM log ORDER BY id'); do\n"
            "  sqlite3 \"$c\" \"SELECT writefile('e.msg', CAST('tideline-log-v1' || char(10) || '$prev' || char(10) || at || char(10) || actor || char(10) "
            "|| action || char(10) || detail || char(10) AS BLOB)) FROM log WHERE id = $id\" >/dev/null\n"
            "  prev=$(sha256sum e.msg | cut -c1-64)\n"
            "  sqlite3 \"$c\" \"UPDATE log SET hash = '$prev' WHERE id = $id\"\n"
            "done\n")
                                 .arg(path);
        Tool t = sh(edit, work);
        QVERIFY2(t.exitCode == 0, t.out.constData());
        stock = sh(QStringLiteral("'%1' '%2' '%3'").arg(script, path, pack));
        QCOMPARE(stock.exitCode, 1);
        QVERIFY2(stock.out.contains("does not verify"), stock.out.constData());
        t = sh(QStringLiteral("sqlite3 '%1' \"UPDATE log SET signature = NULL, signer = NULL, cosignature = NULL, cosigner = NULL "
                              "WHERE id >= (SELECT min(id) FROM log WHERE action = 'review'); "
                              "UPDATE log SET detail = json_remove(detail, '$.reviewer_key') WHERE action = 'review'\"")
                   .arg(path));
        QCOMPARE(t.exitCode, 0);
        t = sh(edit, work); // the reviewer_key taken out of the detail: the chain recomputed again
        QCOMPARE(t.exitCode, 0);
        stock = sh(QStringLiteral("'%1' '%2' '%3'").arg(script, path, pack));
        QCOMPARE(stock.exitCode, 1);
        QVERIFY2(stock.out.contains("is no longer in the chain"), stock.out.constData());
        QCOMPARE(testutil::runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), path }).exitCode, 0); // alone, the case looks whole
        QCOMPARE(testutil::runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), path, QStringLiteral("--against"), pack }).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestTrustPack)
#include "tst_trust_pack.moc"
