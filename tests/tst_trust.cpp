// SPDX-License-Identifier: GPL-3.0-or-later
// Where trust comes from: keys and trusted roots imported on their own or inside bundles, trusting them later,
// the re-verification that follows, and the attack the issue describes (a zip that vouches for itself). Also
// what an import does with statements that name one digest several times, and the store's failure messages.

#include "evidence_openssl.h"
#include "testutil.h"

#include "evidence/evidenceindex.h"
#include "import/importer.h"
#include "store/casefile.h"
#include "store/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tideline;

namespace {

QString errors(const ImportReport& r)
{
    QStringList e;
    for (const Problem& p : r.errors)
        e << p.toString();
    return e.join(QLatin1Char('\n'));
}

ImportReport importInto(CaseFile& kase, const QStringList& paths)
{
    ImportOptions o;
    o.workers = 2;
    return importPaths(kase, paths, o);
}

// An in-toto v1 statement of SLSA provenance naming each (subject, sha256).
QByteArray statement(const QList<QPair<QString, QString>>& subjects)
{
    QJsonArray list;
    for (const auto& [name, sha] : subjects)
        list.append(QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("digest"), QJsonObject { { QStringLiteral("sha256"), sha } } } });
    return QJsonDocument(QJsonObject { { QStringLiteral("_type"), QStringLiteral("https://in-toto.io/Statement/v1") }, { QStringLiteral("subject"), list },
                             { QStringLiteral("predicateType"), QStringLiteral("https://slsa.dev/provenance/v1") },
                             { QStringLiteral("predicate"), QJsonObject() } })
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestTrust : public QObject {
    Q_OBJECT

private slots:
    // One image under two tags (as real SLSA provenance names them): one binding per digest, every name kept, and
    // the same statement again (signed this time) beside it. No raw SQL error, ever.
    void oneDigestUnderSeveralSubjects()
    {
        QTemporaryDir dir;
        auto kase = testutil::newCase(dir);
        const QString image = QString(64, QLatin1Char('a')), other = QString(64, QLatin1Char('b'));
        const QString path = dir.filePath(QStringLiteral("two-tags.json"));
        testutil::writeFile(path, statement({ { QStringLiteral("reg/app:1.2"), image }, { QStringLiteral("reg/app:latest"), image },
                                      { QStringLiteral("reg/app:1.2"), image }, { QStringLiteral("reg/tool"), other } }));
        const QString envelope = dir.filePath(QStringLiteral("two-tags.dsse.json"));
        testutil::writeFile(envelope,
            evidencetest::envelope("application/vnd.in-toto+json", statement({ { QStringLiteral("a"), image }, { QStringLiteral("b"), image } }),
                { { QStringLiteral("k"), QByteArray("not a signature") } }));
        const ImportReport r = importInto(*kase, { path, envelope });
        QVERIFY2(r.errors.empty(), qPrintable(errors(r)));
        QCOMPARE(r.imported.size(), size_t(2));
        EvidenceIndex index(*kase);
        const ArtifactEvidence a = index.forFingerprint(image);
        QCOMPARE(a.evidence.size(), size_t(2));
        for (const EvidenceRecord& e : a.evidence)
            QCOMPARE(e.bindings.size(), size_t(1));
        const EvidenceRecord& plain = a.evidence[0].format == QLatin1String("in-toto-statement") ? a.evidence[0] : a.evidence[1];
        QCOMPARE(plain.bindings[0].subject, QStringLiteral("reg/app:1.2, reg/app:latest"));
        QCOMPARE(index.forFingerprint(other).evidence.size(), size_t(1));
    }

    // The store says what it refused in words, never the statement it ran.
    void storeFailuresAreMessages_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unique") << QStringLiteral("2067") << QStringLiteral("UNIQUE constraint failed: evidence_bindings.evidence_id, evidence_bindings.name")
                                << QStringLiteral("cannot store it in the case: the case already holds a record like this one (in evidence_bindings)");
        QTest::newRow("not null") << QStringLiteral("1299") << QStringLiteral("NOT NULL constraint failed: keys.name")
                                  << QStringLiteral("cannot store it in the case: a value the case needs is missing (in keys)");
        QTest::newRow("full") << QStringLiteral("13") << QStringLiteral("database or disk is full") << QStringLiteral("cannot store it in the case: the disk is full");
        QTest::newRow("busy") << QStringLiteral("5") << QStringLiteral("database is locked")
                              << QStringLiteral("cannot store it in the case: another program holds the case file locked");
        QTest::newRow("postgres unique") << QStringLiteral("23505") << QStringLiteral("duplicate key value violates unique constraint \"keys_name_key\"")
                                         << QStringLiteral("cannot store it in the case: the case already holds a record like this one");
    }

    void storeFailuresAreMessages()
    {
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(QString, expected);
        const Problem p = sql::failure(code, message, QStringLiteral("cannot run \"INSERT INTO x\""));
        QCOMPARE(p.message, expected);
        QVERIFY(!p.message.contains(QLatin1String("INSERT")));
    }
};

QTEST_APPLESS_MAIN(TestTrust)
#include "tst_trust.moc"
