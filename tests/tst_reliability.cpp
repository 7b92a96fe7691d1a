// SPDX-License-Identifier: GPL-3.0-or-later
// Several processes on one case, and cases where they should not be: writers that wait for each other,
// verify-case while an import lands, read-only media, foreign databases, a case deleted under an import.

#include "pack/pack.h"
#include "store/casefile.h"
#include "testutil.h"

#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QtTest>

#include <unistd.h>

using namespace tideline;
using testutil::distinctContents;
using testutil::finish;
using testutil::generate;
using testutil::runTideline;
using testutil::start;

namespace {

QString binary() { return QStringLiteral(TIDELINE_BINARY_PATH); }

int countFiles(const QString& dir)
{
    int n = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

// The two bytes of an SQLite header that say which journal the file uses: 1 rollback, 2 WAL.
int journalVersion(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray h = f.read(20);
    return h.size() == 20 ? h[18] : -1;
}

} // namespace

class TestReliability : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_bundleA = generate(m_dir.filePath(QStringLiteral("a")), QStringLiteral("2026-03-01T00:00:00Z"), 120);
        m_bundleB = generate(m_dir.filePath(QStringLiteral("b")), QStringLiteral("2026-05-01T00:00:00Z"), 120);
        QVERIFY(!m_bundleA.isEmpty() && !m_bundleB.isEmpty());
    }

    // Two imports, six decisions and verify-case, all at once on one case: every write lands, the log stays one
    // chain, and verify-case never calls an import in progress tampering.
    void concurrentWritersAllLand()
    {
        const QString seed = generate(m_dir.filePath(QStringLiteral("seed")), QStringLiteral("2026-01-01T00:00:00Z"), 20);
        testutil::concurrentWritersAllLand(m_dir.filePath(QStringLiteral("shared.tideline")), seed, m_bundleA, m_bundleB);
    }

    // A writer learns, as its next transaction begins, whether another committed since its last one: an import
    // then reads again what it cached of the case (the latest snapshot of each environment, open runs, ids). It
    // kept them across its commits once, and a second import into the same environment made it store a snapshot
    // number the other had just taken ("already holds a record like this one (in snapshots)").
    void aWriterNoticesAnotherWriter()
    {
        QTemporaryDir dir;
        const QString kase = dir.filePath(QStringLiteral("two.tideline"));
        auto one = CaseFile::open(kase, CaseFile::Mode::OpenOrCreate);
        auto two = CaseFile::open(kase, CaseFile::Mode::OpenExisting);
        QVERIFY(one.ok() && two.ok());
        auto write = [](CaseFile& c, const QString& value) {
            if (!c.begin().ok())
                return false;
            QSqlQuery q(c.db());
            const bool ok = q.exec(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES ('test_note', '%1')").arg(value));
            return c.commit().ok() && ok;
        };
        QVERIFY((*one)->begin().ok());
        QVERIFY((*one)->othersWrote()); // the first: nothing known yet
        (*one)->rollback();
        QVERIFY(write(**one, QStringLiteral("a")));
        QVERIFY((*one)->begin().ok());
        QVERIFY(!(*one)->othersWrote()); // only its own commit since
        (*one)->rollback();
        QVERIFY(write(**two, QStringLiteral("b")));
        QVERIFY((*one)->begin().ok());
        QVERIFY((*one)->othersWrote()); // the other's commit
        (*one)->rollback();
        QVERIFY((*one)->begin().ok());
        QVERIFY(!(*one)->othersWrote()); // and told once
        (*one)->rollback();
    }

    // A writer that cannot get the case in time says why, and writes nothing.
    void aWriterGivesUpWithAReason()
    {
        QTemporaryDir dir;
        const QString kase = dir.filePath(QStringLiteral("locked.tideline"));
        QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), kase, m_bundleA }).exitCode, 0);
        auto holder = CaseFile::open(kase, CaseFile::Mode::OpenExisting);
        QVERIFY(holder.ok());
        QVERIFY((*holder)->begin().ok()); // holds the write lock
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TIDELINE_LOCK_TIMEOUT"), QStringLiteral("1"));
        QObject owner;
        QProcess* allow = start({ QStringLiteral("allow"), QStringLiteral("--case"), kase, QStringLiteral("--name"), QStringLiteral("x"),
                                    QStringLiteral("--reason"), QStringLiteral("test"), QStringLiteral("--who"), QStringLiteral("ana") },
            &owner, env);
        QVERIFY(finish(allow, 30000));
        const QByteArray err = allow->readAllStandardError();
        QCOMPARE(allow->exitCode(), 2);
        QVERIFY2(err.contains("another Tideline is writing to this case"), err.constData());
        (*holder)->rollback();
    }

    // A writer that has to wait says so, then lands once the other is done.
    void aWriterWaitsAndSaysSo()
    {
        QTemporaryDir dir;
        const QString kase = dir.filePath(QStringLiteral("busy.tideline"));
        QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), kase, m_bundleA }).exitCode, 0);
        auto holder = CaseFile::open(kase, CaseFile::Mode::OpenExisting);
        QVERIFY(holder.ok());
        QVERIFY((*holder)->begin().ok());
        QObject owner;
        QProcess* import = start({ QStringLiteral("import"), QStringLiteral("--case"), kase, m_bundleB }, &owner);
        QVERIFY(import->waitForStarted());
        QTest::qWait(3500);
        QCOMPARE(import->state(), QProcess::Running); // still waiting, not failed
        (*holder)->rollback();
        QVERIFY(finish(import));
        const QByteArray err = import->readAllStandardError();
        QVERIFY2(import->exitCode() == 0, err.constData());
        QVERIFY2(err.contains("waiting for another writer"), err.constData());
    }

    // A case on a read-only medium reads (state, envs, verify-case) and refuses to be written, plainly.
    void readOnlyCaseIsReadable()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("archive"));
        QVERIFY(QDir().mkpath(folder));
        const QString kase = folder + QStringLiteral("/case.tideline");
        QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), kase, m_bundleA }).exitCode, 0);
        QVERIFY(!QFileInfo::exists(kase + QStringLiteral("-wal"))); // closed cleanly: nothing left to recover

        // As root a folder's mode does not stop writing: a read-only bind mount in a mount namespace does.
        const QString ro = dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir().mkpath(ro));
        auto inReadOnly = [&](const QString& command) {
            QProcess sh;
            if (geteuid() == 0)
                sh.start(QStringLiteral("unshare"), { QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"),
                                                        QStringLiteral("mount --bind '%1' '%2' && mount -o remount,bind,ro '%2' && %3")
                                                            .arg(folder, ro, command) });
            else
                sh.start(QStringLiteral("sh"), { QStringLiteral("-c"), QStringLiteral("chmod a-w '%1' && %2; rc=$?; chmod u+w '%1'; exit $rc").arg(folder, command.arg(folder)) });
            sh.waitForFinished(120000);
            return std::make_pair(sh.exitCode(), QByteArray(sh.readAllStandardOutput() + sh.readAllStandardError()));
        };
        const QString where = geteuid() == 0 ? ro : folder;
        const QString bin = binary();
        // Probe that the environment can make a read-only place at all.
        const auto probe = inReadOnly(QStringLiteral("touch '%1/x' 2>/dev/null; test ! -e '%1/x'").arg(where));
        if (probe.first != 0)
            QSKIP("cannot make a read-only folder here (no mount namespace for root): read-only cases untested");
        for (const QString& cmd : { QStringLiteral("envs"), QStringLiteral("verify-case") }) {
            const auto r = inReadOnly(QStringLiteral("'%1' %2 --case '%3/case.tideline'").arg(bin, cmd, where));
            QVERIFY2(r.first == 0, r.second.constData());
        }
        const auto state = inReadOnly(QStringLiteral("'%1' state --case '%2/case.tideline' --env prod --json").arg(bin, where));
        QVERIFY2(state.first == 0 && state.second.contains("\"workloads\""), state.second.constData());
        const auto write = inReadOnly(QStringLiteral("'%1' import --case '%2/case.tideline' '%3'").arg(bin, where, m_bundleB));
        QCOMPARE(write.first, 2);
        QVERIFY2(write.second.contains("read-only"), write.second.constData());
        QVERIFY(!QFileInfo::exists(kase + QStringLiteral("-wal")));
    }

    // A database that is not a case is refused without being changed (not even switched to WAL).
    void foreignDatabaseIsLeftAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO users(name) VALUES ('ana')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
        const QByteArray before = testutil::readFile(path);
        QCOMPARE(journalVersion(path), 1);
        for (const QString& cmd : { QStringLiteral("envs"), QStringLiteral("import") }) {
            QStringList args { cmd, QStringLiteral("--case"), path };
            if (cmd == QLatin1String("import"))
                args << m_bundleA;
            const testutil::Run r = runTideline(args);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("not a Tideline case"), r.err.constData());
        }
        QCOMPARE(journalVersion(path), 1);
        QCOMPARE(testutil::readFile(path), before);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    }

    // A case deleted under a running import is noticed: the import stops and says so, instead of reporting
    // everything imported into a file nobody will see.
    void caseDeletedDuringImport()
    {
        QTemporaryDir dir;
        const QString kase = dir.filePath(QStringLiteral("gone.tideline"));
        const QString big = generate(dir.filePath(QStringLiteral("big")), QStringLiteral("2026-07-01T00:00:00Z"), 4000);
        QVERIFY(!big.isEmpty());
        QObject owner;
        // Its report is read below: one JSON document at the end, so nothing fills the pipe before.
        auto* import = new QProcess(&owner);
        import->start(binary(), { QStringLiteral("import"), QStringLiteral("--case"), kase, QStringLiteral("--json"), big });
        QVERIFY(import->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(kase + QStringLiteral("-wal")), 30000);
        QVERIFY(QFile::remove(kase));
        QVERIFY(finish(import));
        const QJsonObject r = QJsonDocument::fromJson(import->readAllStandardOutput()).object();
        QCOMPARE(import->exitCode(), 2);
        const QString stopped = r[QLatin1String("stopped")].toObject()[QLatin1String("error")].toString();
        QVERIFY2(stopped.contains(QStringLiteral("deleted or replaced")), QJsonDocument(r).toJson().constData());
        QVERIFY(r[QLatin1String("imported")].toArray().size() < countFiles(big));
    }

    // Files of other tools in a folder are skipped with the reason, not errors.
    void otherToolsFilesAreSkipped()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("repo"));
        QVERIFY(QDir().mkpath(folder));
        testutil::writeFile(folder + QStringLiteral("/pyproject.toml"), "[project]\nname = \"x\"\nversion = \"1.0\"\n\n[tool.black]\nline-length = 100\n");
        testutil::writeFile(folder + QStringLiteral("/tool.toml"), "[tool.poetry]\nname = \"y\"\n");
        testutil::writeFile(folder + QStringLiteral("/README.md"),
            "---\ntitle: Policies\nweight: 3\n---\n# Environment policies\n\n```yaml\n_schema: https://kosli.com/schemas/policy/environment/v1\n"
            "artifacts:\n  provenance:\n    required: true\n```\n");
        testutil::writeFile(folder + QStringLiteral("/evaluate-input.json"),
            "{\"trail\": {\"name\": \"t1\", \"compliance_status\": {\"attestations_statuses\": {\"unit-tests\": {\"is_compliant\": true}}}}}");
        testutil::writeFile(folder + QStringLiteral("/images.json"),
            "[{\"Id\":\"sha256:cfg\",\"RepoTags\":[\"nginx:1.21\"],\"RepoDigests\":[],\"Config\":{},\"RootFS\":{\"Type\":\"layers\"}}]");
        const testutil::Run r = runTideline({ QStringLiteral("import"), QStringLiteral("--case"), dir.filePath(QStringLiteral("c.tideline")),
            QStringLiteral("--json"), folder });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json().object();
        QCOMPARE(j[QLatin1String("errors")].toArray().size(), 0);
        QCOMPARE(j[QLatin1String("skipped")].toArray().size(), 5);
        const QByteArray all = r.out;
        QVERIFY2(all.contains("kosli evaluate") && all.contains("images only"), all.constData());
    }

    // A FIFO or a device is refused by its type, never opened (it would block, or never end).
    void specialFilesAreRefused()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("pipe"));
        QVERIFY(QProcess::execute(QStringLiteral("mkfifo"), { fifo }) == 0);
        for (const QStringList& args : { QStringList { QStringLiteral("fingerprint"), fifo }, QStringList { QStringLiteral("fingerprint"), QStringLiteral("/dev/zero") },
                 QStringList { QStringLiteral("import"), QStringLiteral("--case"), dir.filePath(QStringLiteral("c.tideline")), fifo } }) {
            const testutil::Run r = runTideline(args, 20000);
            QVERIFY2(r.exitCode == 2, qPrintable(args.join(QLatin1Char(' '))));
            QVERIFY2(r.err.contains("not a regular file"), r.err.constData());
        }
    }

    // With --json a failure still prints one JSON document on stdout.
    void jsonFailuresAreJson()
    {
        const testutil::Run r = runTideline({ QStringLiteral("state"), QStringLiteral("--case"), m_dir.filePath(QStringLiteral("none.tideline")),
            QStringLiteral("--env"), QStringLiteral("prod"), QStringLiteral("--json") });
        QCOMPARE(r.exitCode, 2);
        const QJsonObject j = r.json().object();
        QCOMPARE(j[QLatin1String("ok")].toBool(true), false);
        QCOMPARE(j[QLatin1String("exit_code")].toInt(), 2);
        QVERIFY2(j[QLatin1String("error")].toString().contains(QStringLiteral("no such case file")), r.out.constData());
    }

    // Names from bundles reach the terminal as data: control and bidi characters are shown, not obeyed.
    void namesAreShownAsData()
    {
        QTemporaryDir dir;
        const QString pods = dir.filePath(QStringLiteral("pods.json"));
        const QByteArray evil = "web\\u001b[2J\\u202eexe.gpj"; // JSON escapes: ESC, then RIGHT-TO-LEFT OVERRIDE
        testutil::writeFile(pods,
            "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"items\":[{\"metadata\":{\"name\":\"p1\",\"namespace\":\"ns\",\"creationTimestamp\":\"2026-03-01T00:00:00Z\"},"
            "\"spec\":{},\"status\":{\"phase\":\"Running\",\"containerStatuses\":[{\"name\":\"c\",\"image\":\"" + evil
                + "\",\"imageID\":\"r@sha256:00000000000000000000000000000000000000000000000000000000000000bb\"}]}}]}");
        const QString kase = dir.filePath(QStringLiteral("c.tideline"));
        QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), kase, QStringLiteral("--env"), QStringLiteral("prod"),
                     QStringLiteral("--at"), QStringLiteral("2026-03-01T00:00:00Z"), pods })
                     .exitCode,
            0);
        const testutil::Run r = runTideline({ QStringLiteral("state"), QStringLiteral("--case"), kase, QStringLiteral("--env"), QStringLiteral("prod") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.out.contains('\x1b') && !r.out.contains("\xe2\x80\xae"), r.out.constData());
        QVERIFY2(r.out.contains("\\u001B[2J\\u202Eexe.gpj"), r.out.constData());
    }

    // A pack folder named in any form (relative, ./, trailing slash, an empty folder that exists) is one folder:
    // export writes it whole, verify-pack finds it intact, and the log records the export.
    void packPathsInAnyForm()
    {
        REQUIRE_PDF_EXPORT();
        QTemporaryDir dir;
        const QString kase = dir.filePath(QStringLiteral("c.tideline"));
        QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), kase, m_bundleA }).exitCode, 0);
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("empty")));
        const int entriesBefore
            = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), kase, QStringLiteral("--json") }).json()[QLatin1String("log_entries")].toInt();
        const QString before = QDir::currentPath();
        QDir::setCurrent(dir.path());
        int exports = 0;
        for (const QString& out : { QStringLiteral("np/"), QStringLiteral("./dot"), QStringLiteral("empty") }) {
            const testutil::Run e = runTideline({ QStringLiteral("export"), QStringLiteral("--case"), kase, QStringLiteral("--out"), out });
            QVERIFY2(e.exitCode == 0, e.err.constData());
            ++exports;
            QVERIFY2(QFileInfo::exists(QDir(out).filePath(QStringLiteral("manifest.json"))), qPrintable(out));
            for (const QString& form : QStringList { out, QStringLiteral("./") + QDir::cleanPath(out), QDir::cleanPath(out) + QLatin1Char('/'),
                     QDir(out).absolutePath() }) {
                const testutil::Run v = runTideline({ QStringLiteral("verify-pack"), form });
                QVERIFY2(v.exitCode == 0, qPrintable(form + QLatin1Char(' ') + QString::fromUtf8(v.out + v.err)));
            }
        }
        // Nothing of a staging folder is left, inside a pack or beside it.
        QVERIFY(QDir(dir.path()).entryList({ QStringLiteral(".*partial") }, QDir::AllEntries | QDir::Hidden).isEmpty());
        QVERIFY(QDir(dir.filePath(QStringLiteral("np"))).entryList({ QStringLiteral(".*") }, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
        // A folder that holds something is refused, and nothing is logged for it.
        testutil::writeFile(dir.filePath(QStringLiteral("full/keep.txt")), "mine");
        const testutil::Run full = runTideline({ QStringLiteral("export"), QStringLiteral("--case"), kase, QStringLiteral("--out"), QStringLiteral("full") });
        QCOMPARE(full.exitCode, 2);
        QCOMPARE(testutil::readFile(dir.filePath(QStringLiteral("full/keep.txt"))), QByteArray("mine"));
        QDir::setCurrent(before);
        const testutil::Run v = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), kase, QStringLiteral("--json") });
        QCOMPARE(v.json()[QLatin1String("log_entries")].toInt(), entriesBefore + exports);
    }

    // findings.csv: formulas neutralised, every line break quoted (RFC 4180), so one finding is one row.
    void csvCellsAreData()
    {
        CheckReport r;
        Finding f;
        f.id = QStringLiteral("F-00000001");
        f.environment = QStringLiteral("@prod");
        f.names = { QStringLiteral("=HYPERLINK(\"http://x\",\"open\")"), QStringLiteral("-2+3") };
        f.detail = QStringLiteral("line one\rline two, with \"quotes\"");
        r.findings.push_back(f);
        const QString csv = QString::fromUtf8(findingsCsv(r));
        // An RFC 4180 reader: fields and records.
        std::vector<QStringList> rows(1);
        QString field;
        bool quoted = false;
        for (qsizetype i = 0; i < csv.size(); ++i) {
            const QChar c = csv[i];
            if (quoted) {
                if (c == QLatin1Char('"') && i + 1 < csv.size() && csv[i + 1] == QLatin1Char('"'))
                    field += c, ++i;
                else if (c == QLatin1Char('"'))
                    quoted = false;
                else
                    field += c;
            } else if (c == QLatin1Char('"')) {
                quoted = true;
            } else if (c == QLatin1Char(',')) {
                rows.back() << field, field.clear();
            } else if (c == QLatin1Char('\r') && i + 1 < csv.size() && csv[i + 1] == QLatin1Char('\n')) {
                rows.back() << field, field.clear(), ++i;
                rows.emplace_back();
            } else {
                QVERIFY2(c != QLatin1Char('\r') && c != QLatin1Char('\n'), "a bare line break outside quotes");
                field += c;
            }
        }
        if (rows.back().isEmpty())
            rows.pop_back();
        QCOMPARE(rows.size(), size_t(2)); // the header and the one finding
        const QStringList& row = rows[1];
        QCOMPARE(row.size(), rows[0].size());
        for (const QString& cell : row)
            QVERIFY2(cell.isEmpty() || !QStringLiteral("=+-@").contains(cell.front()), qPrintable(cell));
        QCOMPARE(row[2], QStringLiteral("'@prod"));
        QVERIFY(row[4].startsWith(QStringLiteral("'=HYPERLINK")));
        QCOMPARE(row[int(rows[0].indexOf(QStringLiteral("detail")))], f.detail);
    }

    // A query that fails is a failure everywhere, never an empty answer: with the run intervals' table gone,
    // state, search, check and export say they cannot read the case instead of "nothing ran".
    void aFailedReadIsNeverAnEmptyAnswer()
    {
        QTemporaryDir dir;
        const QString kase = dir.filePath(QStringLiteral("broken.tideline"));
        QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), kase, m_bundleA }).exitCode, 0);
        {
            auto c = CaseFile::open(kase, CaseFile::Mode::OpenExisting);
            QVERIFY(c.ok());
            QSqlQuery q((*c)->db());
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE runs RENAME TO runs_gone")));
        }
        const QList<QStringList> commands {
            { QStringLiteral("state"), QStringLiteral("--case"), kase, QStringLiteral("--env"), QStringLiteral("prod") },
            { QStringLiteral("search"), QStringLiteral("--case"), kase, QStringLiteral("shop") },
            { QStringLiteral("check"), QStringLiteral("--case"), kase },
            { QStringLiteral("diff"), QStringLiteral("--case"), kase, QStringLiteral("prod~1"), QStringLiteral("prod") },
        };
        for (const QStringList& args : commands) {
            const testutil::Run r = runTideline(args);
            QVERIFY2(r.exitCode == 2, qPrintable(args.first() + QStringLiteral(": exit %1: ").arg(r.exitCode) + QString::fromUtf8(r.out + r.err)));
            QVERIFY2(r.err.contains("cannot read the run intervals from the case"), qPrintable(args.first() + QLatin1Char(' ') + QString::fromUtf8(r.err)));
            QVERIFY2(!r.err.contains("SELECT"), "a raw SQL statement in the message");
        }
        const testutil::Run v = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), kase });
        QCOMPARE(v.exitCode, 1);
        const QByteArray said = v.out + v.err;
        QVERIFY2(said.contains("cannot read the run intervals"), said.constData());
    }

    // The same for the evidence and the contents: a table that cannot be read makes evidence, keys, check and packages
    // fail with what could not be read (exit 2), never answer "no evidence", "no keys" or "no package".
    void aFailedEvidenceOrContentsReadIsNeverAnEmptyAnswer()
    {
        const QString bundle = m_dir.filePath(QStringLiteral("contents"));
        const testutil::Run g = runTideline({ QStringLiteral("generate"), QStringLiteral("--out"), bundle, QStringLiteral("--start"),
            QStringLiteral("2026-03-01T00:00:00Z"), QStringLiteral("--environments"), QStringLiteral("1"), QStringLiteral("--snapshots"),
            QStringLiteral("30"), QStringLiteral("--sbom-packages"), QStringLiteral("20"), QStringLiteral("--known-advisories") });
        QCOMPARE(g.exitCode, 0);
        struct Break {
            const char* table;
            const char* message;
            QList<QStringList> commands;
        };
        const QStringList evidence { QStringLiteral("evidence") };
        const QStringList keys { QStringLiteral("keys") };
        const QStringList check { QStringLiteral("check") };
        const QStringList packages { QStringLiteral("packages"), QStringLiteral("log4j-core") };
        const std::vector<Break> breaks {
            { "evidence", "cannot read the evidence from the case", { evidence, check } },
            { "keys", "cannot read the keys from the case", { keys } },
            { "packages", "cannot read the packages", { packages, check } },
        };
        for (const Break& b : breaks) {
            QTemporaryDir dir;
            const QString kase = dir.filePath(QStringLiteral("broken.tideline"));
            QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), kase, bundle }).exitCode, 0);
            // Before the break every command answers (its own 0 or 1): the failure below is the table's.
            for (const QStringList& c : b.commands)
                QVERIFY(runTideline(QStringList { c.first(), QStringLiteral("--case"), kase } + c.mid(1)).exitCode < 2);
            {
                auto c = CaseFile::open(kase, CaseFile::Mode::OpenExisting);
                QVERIFY(c.ok());
                QSqlQuery q((*c)->db());
                QVERIFY(q.exec(QStringLiteral("ALTER TABLE %1 RENAME TO %1_gone").arg(QLatin1String(b.table))));
            }
            for (const QStringList& c : b.commands) {
                const QStringList args = QStringList { c.first(), QStringLiteral("--case"), kase } + c.mid(1);
                const testutil::Run r = runTideline(args);
                const QString what = QStringLiteral("%1 without %2: exit %3: ").arg(c.first(), QLatin1String(b.table)).arg(r.exitCode) + QString::fromUtf8(r.out + r.err);
                QVERIFY2(r.exitCode == 2, qPrintable(what));
                QVERIFY2(r.err.contains(b.message), qPrintable(what));
                QVERIFY2(!r.err.contains("SELECT"), qPrintable(QStringLiteral("a raw SQL statement in the message: ") + what));
            }
        }
    }

private:
    QTemporaryDir m_dir;
    QString m_bundleA, m_bundleB;
};

QTEST_GUILESS_MAIN(TestReliability)
#include "tst_reliability.moc"
