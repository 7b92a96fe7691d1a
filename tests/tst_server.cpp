// SPDX-License-Identifier: GPL-3.0-or-later
// Shared cases on a real PostgreSQL server: the throwaway cluster scripts/pgcluster.sh starts for ctest (the
// fixture around this test). Addresses, the same answers as a case file gives, several writers at once,
// `cases --server`, and what is refused.

#include "store/caseaddress.h"
#include "store/casefile.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>
#include <QtTest>

using namespace tideline;
using testutil::distinctContents;
using testutil::finish;
using testutil::generate;
using testutil::runTideline;
using testutil::start;

namespace {

QString withCase(const QString& server, const QString& name) { return server + QStringLiteral("&case=") + name; }

// A case name no other test of this run uses.
QString freshName(const char* what)
{
    static int n = 0;
    return QStringLiteral("t%1_%2_%3").arg(QCoreApplication::applicationPid()).arg(QLatin1String(what)).arg(++n);
}

// What two cases of the same files may differ in: where they are, and when and by whom things were recorded.
QJsonValue comparable(const QJsonValue& v, bool recordingTimes)
{
    static const QSet<QString> volatileKeys { QStringLiteral("case"), QStringLiteral("log_head"), QStringLiteral("log_hash"),
        QStringLiteral("imported_at"), QStringLiteral("recorded_at"), QStringLiteral("elapsed_ms"), QStringLiteral("seconds"),
        QStringLiteral("mb_per_s"), QStringLiteral("case_id") };
    if (v.isObject()) {
        QJsonObject o;
        const QJsonObject in = v.toObject();
        for (auto it = in.begin(); it != in.end(); ++it)
            if (!volatileKeys.contains(it.key()) && !(recordingTimes && it.key() == QLatin1String("at")))
                o.insert(it.key(), comparable(it.value(), recordingTimes));
        return o;
    }
    if (v.isArray()) {
        QJsonArray a;
        for (const QJsonValue& e : v.toArray())
            a.append(comparable(e, recordingTimes));
        return a;
    }
    return v;
}

// recordingTimes: "at" is when something was recorded in the case (evidence bindings), not a time of the files.
QByteArray comparableText(const testutil::Run& r, bool recordingTimes = false)
{
    const QJsonDocument d = r.json();
    const QJsonValue c = comparable(d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object()), recordingTimes);
    return c.isArray() ? QJsonDocument(c.toArray()).toJson() : QJsonDocument(c.toObject()).toJson();
}

} // namespace

class TestServer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_server = testutil::testServer();
        if (m_server.isEmpty())
            QFAIL("no PostgreSQL server to test against: run through ctest, whose fixture (scripts/pgcluster.sh) starts one and "
                  "writes its address to TIDELINE_TEST_SERVER_FILE");
        QVERIFY(m_dir.isValid());
        m_bundle = generate(m_dir.filePath(QStringLiteral("bundle")), QStringLiteral("2026-03-01T00:00:00Z"), 40);
        QVERIFY(!m_bundle.isEmpty());
    }

    void addresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("problem");
        QTest::newRow("full") << "postgresql://ana@db.example:6543/audit?case=q3" << "db.example" << "6543" << "ana" << "audit" << "q3" << "" << "";
        QTest::newRow("defaults") << "postgresql:///audit?case=q3" << "" << "" << "" << "audit" << "q3" << "" << "";
        QTest::newRow("short scheme") << "postgres://h/audit?case=q3" << "h" << "" << "" << "audit" << "q3" << "" << "";
        QTest::newRow("socket folder encoded") << "postgresql://%2Frun%2Fpostgresql/audit?case=q3" << "/run/postgresql" << "" << "" << "audit" << "q3" << ""
                                               << "";
        QTest::newRow("socket folder as a parameter")
            << "postgresql:///audit?host=/tmp/s&port=5433&case=q3" << "/tmp/s" << "5433" << "" << "audit" << "q3" << "" << "";
        QTest::newRow("ipv6") << "postgresql://[::1]:5432/audit?case=q3" << "::1" << "5432" << "" << "audit" << "q3" << "" << "";
        QTest::newRow("several hosts") << "postgresql://a:1,b:2/audit?case=q3" << "a,b" << "1,2" << "" << "audit" << "q3" << "" << "";
        QTest::newRow("libpq options") << "postgresql://h/audit?sslmode=verify-full&case=q3&connect_timeout=5" << "h" << "" << "" << "audit" << "q3"
                                       << "sslmode=verify-full;connect_timeout=5" << "";
        QTest::newRow("a service") << "postgresql://?service=audit&case=q3" << "" << "" << "" << "" << "q3" << "service=audit" << "";
        QTest::newRow("password in userinfo") << "postgresql://ana:s3cret@h/audit?case=q3" << "" << "" << "" << "" << "" << "" << "password";
        QTest::newRow("password parameter") << "postgresql://h/audit?password=s3cret&case=q3" << "" << "" << "" << "" << "" << "" << "password";
        QTest::newRow("no case") << "postgresql://h/audit" << "" << "" << "" << "" << "" << "" << "names no case";
        QTest::newRow("upper-case name") << "postgresql://h/audit?case=Q3" << "" << "" << "" << "" << "" << "" << "lower-case";
        QTest::newRow("quote in name") << "postgresql://h/audit?case=a\"b" << "" << "" << "" << "" << "" << "" << "lower-case letters, digits";
        QTest::newRow("server's schema") << "postgresql://h/audit?case=pg_catalog" << "" << "" << "" << "" << "" << "" << "server's own";
        QTest::newRow("bad port") << "postgresql://h:99999/audit?case=q3" << "" << "" << "" << "" << "" << "" << "port";
        QTest::newRow("path too deep") << "postgresql://h/a/b?case=q3" << "" << "" << "" << "" << "" << "" << "database alone";
        QTest::newRow("semicolon in a value") << "postgresql://h/a?sslrootcert=a;b&case=q3" << "" << "" << "" << "" << "" << "" << "';'";
    }

    void addresses()
    {
        QFETCH(QString, text);
        QFETCH(QString, problem);
        const Result<ServerAddress> a = parseServerAddress(text, true);
        if (!problem.isEmpty()) {
            QVERIFY2(!a, qPrintable(text));
            QVERIFY2(a.problem().message.contains(problem), qPrintable(a.problem().message));
            // The refusal never repeats a secret.
            QVERIFY2(!a.problem().toString().contains(QLatin1String("s3cret")), qPrintable(a.problem().toString()));
            return;
        }
        QVERIFY2(a, a ? "" : qPrintable(a.problem().message));
        QTEST(a->host, "host");
        QTEST(a->port, "port");
        QTEST(a->user, "user");
        QTEST(a->database, "database");
        QTEST(a->caseName, "caseName");
        QStringList options;
        for (const auto& [k, v] : a->options)
            options << k + QLatin1Char('=') + v;
        QTEST(options.join(QLatin1Char(';')), "options");
        // What it shows reads back as the same address.
        const Result<ServerAddress> again = parseServerAddress(a->display(), true);
        QVERIFY2(again, qPrintable(a->display()));
        QCOMPARE(again->display(), a->display());
        QCOMPARE(again->host, a->host);
        QCOMPARE(again->options.size(), a->options.size());
    }

    // The same files give the same answers in a case file and in a case on the server.
    void sameAnswersOnBothBackends()
    {
        const QString file = m_dir.filePath(QStringLiteral("same.tideline"));
        const QString shared = withCase(m_server, freshName("same"));
        for (const QString& kase : { file, shared }) {
            const testutil::Run imp = runTideline({ QStringLiteral("import"), QStringLiteral("--case"), kase, m_bundle, QStringLiteral("--json") });
            QVERIFY2(imp.exitCode == 0, imp.err.constData());
        }
        const testutil::Run envs = runTideline({ QStringLiteral("envs"), QStringLiteral("--case"), file, QStringLiteral("--json") });
        QCOMPARE(envs.exitCode, 0);
        QStringList names;
        for (const QJsonValue& e : envs.json().array())
            names << e[QLatin1String("name")].toString();
        QVERIFY2(names.size() == 2, envs.out.constData());

        std::vector<QStringList> commands;
        commands.push_back({ QStringLiteral("envs") });
        commands.push_back({ QStringLiteral("check") });
        for (const QString& env : names) {
            commands.push_back({ QStringLiteral("state"), QStringLiteral("--env"), env });
            commands.push_back({ QStringLiteral("state"), QStringLiteral("--env"), env, QStringLiteral("--at"), QStringLiteral("2026-03-01T09:00:00Z") });
            commands.push_back({ QStringLiteral("diff"), env + QStringLiteral("#2"), env });
            commands.push_back({ QStringLiteral("snapshots"), QStringLiteral("--env"), env });
        }
        commands.push_back({ QStringLiteral("search"), QStringLiteral("sha256:") });
        commands.push_back({ QStringLiteral("search"), QStringLiteral("api") });
        commands.push_back({ QStringLiteral("evidence") });
        int compared = 0;
        for (const QStringList& command : commands) {
            const QStringList args = QStringList { command.first(), QStringLiteral("--case") } + QStringList { QString() } + command.mid(1)
                + QStringList { QStringLiteral("--json") };
            QStringList onFile = args, onServer = args;
            onFile[2] = file;
            onServer[2] = shared;
            const testutil::Run a = runTideline(onFile);
            const testutil::Run b = runTideline(onServer);
            if (a.exitCode == 2 && a.err.contains("Unknown command"))
                continue; // not a command of this build
            QVERIFY2(a.exitCode == b.exitCode, qPrintable(command.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(b.err)));
            QVERIFY2(!a.out.isEmpty(), qPrintable(command.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(a.err)));
            const bool recordingTimes = command.first() == QLatin1String("evidence");
            QCOMPARE(comparableText(b, recordingTimes), comparableText(a, recordingTimes));
            ++compared;
        }
        QVERIFY(compared >= 8);

        // A decision lands on both and reads back the same; verify-case holds on both.
        const QJsonArray findings = runTideline({ QStringLiteral("check"), QStringLiteral("--case"), file, QStringLiteral("--json") })
                                        .json()[QLatin1String("findings")]
                                        .toArray();
        QVERIFY(!findings.isEmpty());
        const QString id = findings[0].toObject()[QLatin1String("id")].toString();
        for (const QString& kase : { file, shared }) {
            const testutil::Run r = runTideline({ QStringLiteral("review"), QStringLiteral("--case"), kase, id, QStringLiteral("--disposition"),
                QStringLiteral("accepted-risk"), QStringLiteral("--note"), QStringLiteral("seen on both"), QStringLiteral("--reviewer"), QStringLiteral("ana") });
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        const testutil::Run checkA = runTideline({ QStringLiteral("check"), QStringLiteral("--case"), file, QStringLiteral("--json") });
        const testutil::Run checkB = runTideline({ QStringLiteral("check"), QStringLiteral("--case"), shared, QStringLiteral("--json") });
        QCOMPARE(comparableText(checkB, true), comparableText(checkA, true)); // the decision's time is when it was recorded
        const testutil::Run va = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), file, QStringLiteral("--json") });
        const testutil::Run vb = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), shared, QStringLiteral("--json") });
        QVERIFY2(va.exitCode == 0, va.out.constData());
        QVERIFY2(vb.exitCode == 0, QByteArray(vb.out + vb.err).constData());
        for (const char* key : { "sources", "reviews", "log_entries", "snapshots" })
            QVERIFY2(va.json()[QLatin1String(key)] == vb.json()[QLatin1String(key)], key);
        QCOMPARE(vb.json()[QLatin1String("sources")].toInt(), distinctContents({ m_bundle }));
    }

    // Retracting an import replays the environment without it, alike on both backends; verify-case holds on both.
    void retractionGivesTheSameAnswers()
    {
        const QString file = m_dir.filePath(QStringLiteral("retract.tideline"));
        const QString shared = withCase(m_server, freshName("retract"));
        QDirIterator it(m_bundle, { QStringLiteral("*.json") }, QDir::Files, QDirIterator::Subdirectories);
        QStringList snapshots;
        while (it.hasNext()) {
            const QString path = it.next();
            if (QFileInfo(path).fileName().startsWith(QLatin1String("snap-")))
                snapshots << path;
        }
        snapshots.sort();
        QVERIFY(snapshots.size() > 10);
        const QString sha = QString::fromLatin1(QCryptographicHash::hash(testutil::readFile(snapshots[5]), QCryptographicHash::Sha256).toHex());
        QByteArray answers[2];
        int i = 0;
        for (const QString& kase : { file, shared }) {
            QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), kase, m_bundle }).exitCode, 0);
            const testutil::Run r = runTideline({ QStringLiteral("retract"), QStringLiteral("--case"), kase, QStringLiteral("--reason"), QStringLiteral("a bad file"), sha,
                QStringLiteral("--json") });
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(r.json()[QLatin1String("retracted")].toArray().size(), 1);
            const testutil::Run v = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), kase, QStringLiteral("--json") });
            QVERIFY2(v.exitCode == 0, QByteArray(v.out + v.err).constData());
            for (const QStringList& command : { QStringList { QStringLiteral("envs") }, QStringList { QStringLiteral("check") } }) {
                const testutil::Run a = runTideline(command + QStringList { QStringLiteral("--case"), kase, QStringLiteral("--json") });
                QCOMPARE(a.exitCode == 2, false);
                answers[i] += comparableText(a);
            }
            ++i;
        }
        QCOMPARE(answers[1], answers[0]);
    }

    // Two imports and six decisions at once on one shared case: every write lands, the log is one chain, and
    // verify-case during the imports never calls them tampering.
    void concurrentWritersAllLand()
    {
        const QString seed = generate(m_dir.filePath(QStringLiteral("seed")), QStringLiteral("2026-01-01T00:00:00Z"), 20);
        const QString a = generate(m_dir.filePath(QStringLiteral("a")), QStringLiteral("2026-03-01T00:00:00Z"), 60);
        const QString b = generate(m_dir.filePath(QStringLiteral("b")), QStringLiteral("2026-05-01T00:00:00Z"), 60);
        QVERIFY(!seed.isEmpty() && !a.isEmpty() && !b.isEmpty());
        testutil::concurrentWritersAllLand(withCase(m_server, freshName("busy")), seed, a, b);
    }

    // `cases --server` lists the cases of a database, and only those.
    void casesAreListed()
    {
        const QString one = freshName("list");
        const QString two = freshName("list");
        for (const QString& name : { one, two })
            QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), withCase(m_server, name), m_bundle }).exitCode, 0);
        // A schema of someone else's in the same database.
        {
            Result<ServerAddress> a = parseServerAddress(m_server, false);
            QVERIFY(a);
            auto kase = CaseFile::open(withCase(m_server, one), CaseFile::Mode::OpenExisting);
            QVERIFY2(kase, kase ? "" : qPrintable(kase.error()));
            QSqlQuery q((*kase)->db());
            QVERIFY(q.exec(QStringLiteral("CREATE SCHEMA IF NOT EXISTS otherapp")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS otherapp.meta (k TEXT)")));
        }
        const testutil::Run listed = runTideline({ QStringLiteral("cases"), QStringLiteral("--server"), m_server, QStringLiteral("--json") });
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        QStringList names;
        for (const QJsonValue& c : listed.json()[QLatin1String("cases")].toArray()) {
            names << c[QLatin1String("name")].toString();
            QVERIFY(!c[QLatin1String("case_id")].toString().isEmpty());
            QVERIFY(c[QLatin1String("address")].toString().endsWith(QStringLiteral("case=") + c[QLatin1String("name")].toString())
                || c[QLatin1String("address")].toString().contains(QStringLiteral("case=") + c[QLatin1String("name")].toString() + QLatin1Char('&')));
        }
        QVERIFY2(names.contains(one) && names.contains(two), listed.out.constData());
        QVERIFY2(!names.contains(QStringLiteral("otherapp")), listed.out.constData());
        const testutil::Run text = runTideline({ QStringLiteral("cases"), QStringLiteral("--server"), m_server });
        QVERIFY(text.out.contains(one.toUtf8()));

        // That schema is not a case, and nothing is written to it.
        const testutil::Run foreign = runTideline({ QStringLiteral("import"), QStringLiteral("--case"), withCase(m_server, QStringLiteral("otherapp")), m_bundle });
        QCOMPARE(foreign.exitCode, 2);
        QVERIFY2(foreign.err.contains("not a Tideline case"), foreign.err.constData());
        // A case that is not there is not created by a reading command.
        const QString missing = freshName("missing");
        const testutil::Run state = runTideline({ QStringLiteral("check"), QStringLiteral("--case"), withCase(m_server, missing) });
        QCOMPARE(state.exitCode, 2);
        QVERIFY2(state.err.contains("no case named"), state.err.constData());
        QVERIFY(!runTideline({ QStringLiteral("cases"), QStringLiteral("--server"), m_server }).out.contains(missing.toUtf8()));
    }

    // A case moves to a server and back with every source and log entry: verify-case names the same log head on
    // all three, and they answer alike. Only into a new case; a failed copy leaves nothing behind.
    void caseCopyBothWays()
    {
        const QString file = m_dir.filePath(QStringLiteral("copy-original.tideline"));
        QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), file, m_bundle }).exitCode, 0);
        const QJsonArray findings
            = runTideline({ QStringLiteral("check"), QStringLiteral("--case"), file, QStringLiteral("--json") }).json()[QLatin1String("findings")].toArray();
        QVERIFY(!findings.isEmpty());
        QCOMPARE(runTideline({ QStringLiteral("review"), QStringLiteral("--case"), file, findings[0].toObject()[QLatin1String("id")].toString(),
                                 QStringLiteral("--disposition"), QStringLiteral("false-positive"), QStringLiteral("--note"), QStringLiteral("copied along"),
                                 QStringLiteral("--reviewer"), QStringLiteral("ana") })
                     .exitCode,
            0);
        QCOMPARE(runTideline({ QStringLiteral("allow"), QStringLiteral("--case"), file, QStringLiteral("--name"), QStringLiteral("^debug-"),
                                 QStringLiteral("--reason"), QStringLiteral("a test tool"), QStringLiteral("--who"), QStringLiteral("ana") })
                     .exitCode,
            0);
        const QString shared = withCase(m_server, freshName("copy"));
        const QString back = m_dir.filePath(QStringLiteral("copy-back.tideline"));
        const testutil::Run up = runTideline({ QStringLiteral("case"), QStringLiteral("copy"), file, shared, QStringLiteral("--json") });
        QVERIFY2(up.exitCode == 0, up.err.constData());
        const testutil::Run down = runTideline({ QStringLiteral("case"), QStringLiteral("copy"), shared, back, QStringLiteral("--json") });
        QVERIFY2(down.exitCode == 0, down.err.constData());
        QCOMPARE(down.json()[QLatin1String("log_head")], up.json()[QLatin1String("log_head")]);
        QCOMPARE(down.json()[QLatin1String("rows")], up.json()[QLatin1String("rows")]);

        QJsonValue head(QJsonValue::Undefined);
        for (const QString& kase : { file, shared, back }) {
            const testutil::Run v = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), kase, QStringLiteral("--json") });
            QVERIFY2(v.exitCode == 0, QByteArray(v.out + v.err).constData());
            if (head.isUndefined())
                head = v.json()[QLatin1String("log_head")];
            QCOMPARE(v.json()[QLatin1String("log_head")], head);
            QCOMPARE(v.json()[QLatin1String("reviews")].toInt(), 1);
            QCOMPARE(v.json()[QLatin1String("sources")].toInt(), distinctContents({ m_bundle }));
        }
        QCOMPARE(up.json()[QLatin1String("log_head")], head);
        // The same case, answering the same (its decisions and allow-list included).
        const testutil::Run checkFile = runTideline({ QStringLiteral("check"), QStringLiteral("--case"), file, QStringLiteral("--json") });
        for (const QString& kase : { shared, back }) {
            const testutil::Run c = runTideline({ QStringLiteral("check"), QStringLiteral("--case"), kase, QStringLiteral("--json") });
            QCOMPARE(c.json().object(), checkFile.json().object());
        }
        // A write to the copy on the server chains on from the copied head.
        QCOMPARE(runTideline({ QStringLiteral("review"), QStringLiteral("--case"), shared, findings[0].toObject()[QLatin1String("id")].toString(),
                                 QStringLiteral("--disposition"), QStringLiteral("open"), QStringLiteral("--note"), QStringLiteral("reopened on the server"),
                                 QStringLiteral("--reviewer"), QStringLiteral("ben") })
                     .exitCode,
            0);
        const testutil::Run after = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), shared, QStringLiteral("--json") });
        QVERIFY2(after.exitCode == 0, after.out.constData());
        QCOMPARE(after.json()[QLatin1String("reviews")].toInt(), 2);

        // Never into a case that is there.
        const testutil::Run again = runTideline({ QStringLiteral("case"), QStringLiteral("copy"), file, shared });
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains("already holds a case of this name"), again.err.constData());
        const testutil::Run onFile = runTideline({ QStringLiteral("case"), QStringLiteral("copy"), shared, back });
        QCOMPARE(onFile.exitCode, 2);
        QVERIFY2(onFile.err.contains("already exists"), onFile.err.constData());
        // From a case that is not there: nothing made.
        const QString nowhere = m_dir.filePath(QStringLiteral("never.tideline"));
        const testutil::Run missing = runTideline({ QStringLiteral("case"), QStringLiteral("copy"), withCase(m_server, freshName("absent")), nowhere });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(!QFileInfo::exists(nowhere));
    }

    // Who may do what: viewers read, reviewers decide, importers import; the database refuses the rest with a clear
    // message and nothing is written; the log records the database role that wrote each entry, and a role cannot
    // write an entry in another's name even with SQL of its own.
    void rolesAreEnforced()
    {
        const QString name = freshName("roles");
        const QString owner = withCase(m_server, name);
        QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), owner, m_bundle }).exitCode, 0);
        const QString pid = QString::number(QCoreApplication::applicationPid());
        const QString vera = QStringLiteral("vera") + pid, rita = QStringLiteral("rita") + pid, ivan = QStringLiteral("ivan") + pid;
        for (const auto& [who, role] : { std::pair { vera, "viewer" }, std::pair { rita, "reviewer" }, std::pair { ivan, "importer" } }) {
            testutil::newRoleOn(owner, who, QLatin1String(role));
            if (QTest::currentTestFailed())
                return;
        }
        auto as = [&](const QString& role) { return testutil::asRole(owner, role); };
        const QJsonArray findings
            = runTideline({ QStringLiteral("check"), QStringLiteral("--case"), as(vera), QStringLiteral("--json") }).json()[QLatin1String("findings")].toArray();
        QVERIFY2(!findings.isEmpty(), "a viewer reads the findings");
        const QString id = findings[0].toObject()[QLatin1String("id")].toString();
        auto logEntries = [&] {
            return runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), as(vera), QStringLiteral("--json") }).json()[QLatin1String("log_entries")].toInt();
        };
        const int before = logEntries();
        QVERIFY(before > 0);
        auto review = [&](const QString& role) {
            return runTideline({ QStringLiteral("review"), QStringLiteral("--case"), as(role), id, QStringLiteral("--disposition"), QStringLiteral("accepted-risk"),
                QStringLiteral("--note"), QStringLiteral("by ") + role, QStringLiteral("--reviewer"), role });
        };
        // A viewer's decision: refused in words, nothing written.
        const testutil::Run byViewer = review(vera);
        QCOMPARE(byViewer.exitCode, 2);
        QVERIFY2(byViewer.err.contains("your role on the server may not"), byViewer.err.constData());
        QVERIFY2(!byViewer.err.contains("ERROR:") && !byViewer.err.contains("Unable to free"), byViewer.err.constData());
        QCOMPARE(logEntries(), before);
        // An importer's too.
        QCOMPARE(review(ivan).exitCode, 2);
        // A reviewer's lands, recorded as the reviewer's role.
        const testutil::Run byReviewer = review(rita);
        QVERIFY2(byReviewer.exitCode == 0, byReviewer.err.constData());
        QCOMPARE(logEntries(), before + 1);
        // A reviewer's import stops at once, in words, with nothing written; an importer's lands.
        const QString more = generate(m_dir.filePath(QStringLiteral("roles-more")), QStringLiteral("2026-07-01T00:00:00Z"), 5);
        const testutil::Run importByReviewer = runTideline({ QStringLiteral("import"), QStringLiteral("--case"), as(rita), more });
        QCOMPARE(importByReviewer.exitCode, 2);
        QVERIFY2(importByReviewer.err.contains("may not import into this case"), importByReviewer.err.constData());
        QCOMPARE(logEntries(), before + 1);
        const testutil::Run importByImporter = runTideline({ QStringLiteral("import"), QStringLiteral("--case"), as(ivan), more });
        QVERIFY2(importByImporter.exitCode == 0, importByImporter.err.constData());
        const int after = logEntries();
        QVERIFY(after > before + 1);
        // The log names the database roles; and holds up.
        const testutil::Run v = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), as(vera), QStringLiteral("--json") });
        QVERIFY2(v.exitCode == 0, v.out.constData());
        {
            auto kase = CaseFile::open(as(vera), CaseFile::Mode::ReadOnly);
            QVERIFY(kase);
            QSqlQuery q((*kase)->db());
            QVERIFY(q.exec(QStringLiteral("SELECT actor, action FROM log ORDER BY id")));
            QStringList actors;
            while (q.next())
                if (q.value(1).toString() != QLatin1String("policy"))
                    actors << q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString();
            QVERIFY2(actors.contains(rita + QStringLiteral(" review")), qPrintable(actors.join(QLatin1Char(','))));
            QVERIFY2(actors.contains(ivan + QStringLiteral(" import")), qPrintable(actors.join(QLatin1Char(','))));
            QVERIFY(!actors.contains(QStringLiteral("tideline-tests review")));
        }
        // SQL of one's own cannot forge an entry in another's name, nor an action of another group.
        {
            auto kase = CaseFile::open(as(rita), CaseFile::Mode::OpenExisting);
            QVERIFY(kase);
            QSqlQuery q((*kase)->db());
            QVERIFY(!q.exec(QStringLiteral("INSERT INTO log(at, actor, action, detail, hash) VALUES (0, '%1', 'review', '{}', 'x')").arg(ivan)));
            QVERIFY(!q.exec(QStringLiteral("INSERT INTO log(at, actor, action, detail, hash) VALUES (0, '%1', 'import', '{}', 'x')").arg(rita)));
            QVERIFY(!q.exec(QStringLiteral("DELETE FROM reviews")));
            QVERIFY(!q.exec(QStringLiteral("UPDATE log SET actor = 'x'")));
        }
        QCOMPARE(logEntries(), after);
        // Revoked, the reviewer decides no more.
        QCOMPARE(runTideline({ QStringLiteral("case"), QStringLiteral("revoke"), QStringLiteral("--case"), owner, QStringLiteral("--as"),
                                 QStringLiteral("reviewer"), rita })
                     .exitCode,
            0);
        QCOMPARE(review(rita).exitCode, 2);
        // Granting to a role the server does not have says so.
        const testutil::Run nobody = runTideline({ QStringLiteral("case"), QStringLiteral("grant"), QStringLiteral("--case"), owner, QStringLiteral("--as"),
            QStringLiteral("viewer"), QStringLiteral("nobody_") + pid });
        QCOMPARE(nobody.exitCode, 2);
        QVERIFY2(nobody.err.contains("has no role"), nobody.err.constData());
    }

    // A pack exported from a shared case names it as one, says who exported it as the log does (the database role),
    // and checks out; its export is in the case's log.
    void packFromASharedCase()
    {
        REQUIRE_PDF_EXPORT();
        const QString shared = withCase(m_server, freshName("pack"));
        QCOMPARE(runTideline({ QStringLiteral("import"), QStringLiteral("--case"), shared, m_bundle }).exitCode, 0);
        const QString out = m_dir.filePath(QStringLiteral("shared-pack"));
        const testutil::Run e = runTideline({ QStringLiteral("export"), QStringLiteral("--case"), shared, QStringLiteral("--out"), out });
        QVERIFY2(e.exitCode == 0, e.err.constData());
        const testutil::Run vp = runTideline({ QStringLiteral("verify-pack"), out });
        QVERIFY2(vp.out.contains("intact: "), QByteArray(vp.out + vp.err).constData()); // its files match the signed manifest
        const QJsonObject manifest = QJsonDocument::fromJson(testutil::readFile(QDir(out).filePath(QStringLiteral("manifest.json")))).object();
        const QString role = parseServerAddress(m_server, false)->user;
        QVERIFY2(QJsonDocument(manifest).toJson().contains(QStringLiteral("\"exporter\": \"%1\"").arg(role).toUtf8())
                || QJsonDocument(manifest).toJson(QJsonDocument::Compact).contains(QStringLiteral("\"exporter\":\"%1\"").arg(role).toUtf8()),
            QJsonDocument(manifest).toJson().constData());
        const testutil::Run v = runTideline({ QStringLiteral("verify-case"), QStringLiteral("--case"), shared, QStringLiteral("--json") });
        QVERIFY2(v.exitCode == 0, v.out.constData());
    }

    // What cannot work says why, naming the address and never a secret.
    void refusals()
    {
        const testutil::Run pw = runTideline({ QStringLiteral("check"), QStringLiteral("--case"), QStringLiteral("postgresql://ana:s3cret@localhost/x?case=y") });
        QCOMPARE(pw.exitCode, 2);
        QVERIFY2(pw.err.contains("pgpass") && !pw.err.contains("s3cret"), pw.err.constData());
        const testutil::Run gone = runTideline({ QStringLiteral("check"), QStringLiteral("--case"),
            QStringLiteral("postgresql:///tideline?host=/nonexistent/socket&case=y&connect_timeout=2") });
        QCOMPARE(gone.exitCode, 2);
        QVERIFY2(gone.err.contains("cannot reach the case's server"), gone.err.constData());
        const testutil::Run nodb = runTideline({ QStringLiteral("check"), QStringLiteral("--case"),
            QString(m_server).replace(QStringLiteral("///tideline"), QStringLiteral("///nosuchdb")) + QStringLiteral("&case=y") });
        QCOMPARE(nodb.exitCode, 2);
        QVERIFY2(nodb.err.contains("nosuchdb"), nodb.err.constData());
    }

private:
    QTemporaryDir m_dir;
    QString m_server;
    QString m_bundle;
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
