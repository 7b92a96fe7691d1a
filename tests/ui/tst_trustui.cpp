// SPDX-License-Identifier: GPL-3.0-or-later
// Trust in the window and the pack: after an import that brought keys from inside a folder the window asks
// (Trust / Keep untrusted), trusting re-verifies and is logged with who and how; the demo trusts its own key and asks
// nothing; the evidence panel and the pack say, for each verified piece, what made it verified and who trusted that.

#include "evidence_openssl.h"
#include "evidencepanel.h"
#include "mainwindow.h"
#include "pdf/packpdf.h"
#include "testutil.h"
#include "trustdialog.h"
#include "ui/uitestutil.h"

#include "compliance/findings.h"
#include "evidence/evidenceindex.h"
#include "evidence/signing.h"
#include "import/importer.h"
#include "items/evidencemodel.h"
#include "pack/pack.h"
#include "store/casefile.h"
#include "store/logstore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QtTest>

using namespace tideline;
using namespace tideline::ui;

namespace {

const QByteArray kInToto = "application/vnd.in-toto+json";

// A folder as a supplier would send it: a statement of provenance for fp, signed, with the signing key beside it.
QString supplierFolder(QTemporaryDir& dir, const QString& fp)
{
    const evidencetest::TestKey key = evidencetest::makeKey(dir, QStringLiteral("ed25519"), QStringLiteral("supplier"));
    const QByteArray statement = QStringLiteral("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app\",\"digest\":{\"sha256\":\"%1\"}}],"
                                                "\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}")
                                     .arg(fp)
                                     .toUtf8();
    const QString folder = dir.filePath(QStringLiteral("from-supplier"));
    QDir().mkpath(folder);
    testutil::writeFile(folder + QStringLiteral("/app.intoto.json"),
        evidencetest::envelope(kInToto, statement, { { QString(), evidencetest::sign(dir, key, pae(kInToto, statement), evidencetest::Encoding::Pure) } }));
    QFile::copy(key.publicPem, folder + QStringLiteral("/supplier.pub"));
    return folder;
}

TrustDialog* importAndWaitForPrompt(MainWindow& w, const QString& folder)
{
    QSignalSpy finished(&w, &MainWindow::importFinished);
    w.startImport({ folder });
    if (!finished.wait(30000))
        return nullptr;
    TrustDialog* d = nullptr;
    for (int i = 0; i < 50 && !d; ++i) {
        d = w.findChild<TrustDialog*>();
        if (!d)
            QTest::qWait(20);
    }
    return d;
}

Verification verdictOf(const QString& casePath, const QString& fp)
{
    auto kase = CaseFile::open(casePath, CaseFile::Mode::ReadOnly);
    EvidenceIndex index(**kase);
    const ArtifactEvidence a = (*index.forFingerprint(fp));
    return a.evidence.empty() ? Verification::Unsigned : a.evidence.front().verification.verdict;
}

} // namespace

class TestTrustUi : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        uitest::isolateSettings();
        if (!evidencetest::haveOpenssl())
            QSKIP("no openssl binary");
    }

    void promptKeepsOrTrusts()
    {
        QTemporaryDir dir;
        const QString fp = QString(64, QLatin1Char('7'));
        const QString folder = supplierFolder(dir, fp);
        for (const bool trust : { false, true }) {
            MainWindow w;
            w.show();
            QSignalSpy opened(&w, &MainWindow::caseOpened);
            const QString casePath = dir.filePath(trust ? QStringLiteral("trusting.tideline") : QStringLiteral("keeping.tideline"));
            w.openCase(casePath, true);
            QVERIFY(opened.wait(10000));
            TrustDialog* d = importAndWaitForPrompt(w, folder);
            QVERIFY2(d, "no trust prompt after an import that brought an untrusted key");
            QTRY_VERIFY(d->isVisible());
            QCOMPARE(d->table()->rowCount(), 1);
            QCOMPARE(d->table()->item(0, 0)->text(), QStringLiteral("supplier"));
            QCOMPARE(d->table()->item(0, 0)->checkState(), Qt::Checked);
            QVERIFY(d->table()->item(0, 3)->text().startsWith(QStringLiteral("inside the folder ") + folder));
            QCOMPARE(d->table()->item(0, 2)->text().size(), 64);
            QCOMPARE(d->trustButton()->text(), QStringLiteral("Trust"));
            QCOMPARE(d->keepButton()->text(), QStringLiteral("Keep untrusted"));
            QVERIFY(d->keepButton()->isDefault());
            if (!trust)
                d->grab().save(dir.filePath(QStringLiteral("trust-dialog.png")));
            QCOMPARE(verdictOf(casePath, fp), Verification::UntrustedKey);
            if (!trust) {
                d->keepButton()->click();
                QTRY_VERIFY(!w.findChild<TrustDialog*>());
                QCOMPARE(verdictOf(casePath, fp), Verification::UntrustedKey);
                continue;
            }
            QSignalSpy trusted(d, &TrustDialog::trusted);
            QSignalSpy checked(&w, &MainWindow::checkFinished);
            d->trustButton()->click();
            QVERIFY(trusted.wait(20000));
            QCOMPARE(trusted.first().at(0).toInt(), 1);
            QCOMPARE(trusted.first().at(1).toInt(), 1);
            QCOMPARE(verdictOf(casePath, fp), Verification::Verified);
            auto kase = CaseFile::open(casePath, CaseFile::Mode::ReadOnly);
            const std::vector<LogEntry> log = *LogStore((*kase)->db()).list();
            QCOMPARE(log.back().action, QStringLiteral("trust"));
            QCOMPARE(log.back().actor, QStringLiteral("tideline-tests"));
            QVERIFY(log.back().detail.contains(QLatin1String("the window's prompt")));
            QVERIFY(checked.count() > 0 || checked.wait(20000)); // the check runs again after trusting
        }
    }

    // The evidence panel says what made a piece verified and how that came to be trusted; untrusted, where it came from.
    void evidencePanelSaysWhereTrustComesFrom()
    {
        QTemporaryDir dir;
        const QString fp = QString(64, QLatin1Char('8'));
        const QString folder = supplierFolder(dir, fp);
        auto kase = testutil::newCase(dir);
        QVERIFY(importPaths(*kase, { folder }, ImportOptions()).errors.empty());
        EvidenceIndex index(*kase);
        EvidencePanel panel;
        panel.resize(1000, 500);
        panel.show();
        panel.setEvidence((*index.forFingerprint(fp)), QString());
        QTRY_VERIFY(panel.detail()->toPlainText().contains(QStringLiteral("untrusted key")));
        QVERIFY2(panel.detail()->toPlainText().contains(QStringLiteral("Trust key “supplier”")), qPrintable(panel.detail()->toPlainText()));
        QVERIFY(panel.detail()->toPlainText().contains(QStringLiteral("not trusted: it came inside the folder ") + folder));
        ImportOptions o;
        o.trust = true;
        QVERIFY(importPaths(*kase, { folder }, o).errors.empty());
        panel.setEvidence((*index.forFingerprint(fp)), QString());
        const QString text = panel.detail()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("verified")) && text.contains(QStringLiteral("trusted by tideline-tests at ")) && text.contains(QStringLiteral("(import --trust)"))
                && text.contains(QStringLiteral("it came inside the folder")),
            qPrintable(text));
    }

    // The demo trusts its own key, asks nothing, and its provenance verifies.
    void demoAsksNothing()
    {
        // Made afresh (an earlier run's demo would open as it is, with no import).
        const QString demoDir = QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath(QStringLiteral("demo")); // as the window puts it
        QDir(demoDir).removeRecursively();
        MainWindow w;
        w.show();
        QSignalSpy finished(&w, &MainWindow::importFinished);
        w.openDemo();
        QVERIFY(finished.wait(120000));
        QTest::qWait(100);
        QVERIFY(!w.findChild<TrustDialog*>());
        const QString casePath = QDir(demoDir).filePath(QStringLiteral("demo.tideline"));
        auto kase = CaseFile::open(casePath, CaseFile::Mode::ReadOnly);
        QVERIFY2(kase.ok(), qPrintable(casePath));
        EvidenceIndex index(**kase);
        const std::vector<KeyRecord> keys = (*index.keys());
        QCOMPARE(keys.size(), size_t(1));
        QVERIFY(keys[0].trust.trusted);
        QCOMPARE(keys[0].trust.how, QStringLiteral("the demo trusts its own signing key"));
        int verified = 0;
        for (const EvidenceRecord& e : (*index.all()))
            verified += e.verification.verdict == Verification::Verified ? 1 : 0;
        QVERIFY(verified > 10);
    }

    // The pack: each verified piece with who trusted its key, and the provenance that rests only on unsigned records.
    void packSaysWhoTrusted()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("poppler-utils is not installed (scripts/setup.sh installs it)");
        QTemporaryDir dir;
        const QString casePath = uitest::makeDemoCase(dir.path());
        auto kase = CaseFile::open(casePath);
        PackOptions o;
        o.keyPath = dir.filePath(QStringLiteral("exporter.pem"));
        o.exporter = QStringLiteral("tests");
        o.renderPdf = [](const PackContent& c, const QString& path) { return ui::renderPackPdf(c, path); };
        Result<PackResult> r = exportPack(**kase, dir.filePath(QStringLiteral("pack")), o);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QProcess p;
        p.start(QStringLiteral("pdftotext"), { QDir(r->dir).filePath(QStringLiteral("pack.pdf")), QStringLiteral("-") });
        QVERIFY(p.waitForFinished(120000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput()).simplified();
        QVERIFY2(text.contains(QStringLiteral("trusted by tideline-tests at")), "the pack does not say who trusted the key");
        QVERIFY(text.contains(QStringLiteral("rests only on unsigned records")));
    }
};

QTEST_MAIN(TestTrustUi)
#include "tst_trustui.moc"
