// SPDX-License-Identifier: GPL-3.0-or-later
// The evidence pack's PDF as people and tools read it: every finding id, fingerprint and disposition in its
// text, embedded fonts, vector charts, pages that render with a header and footer on each, a pack that says
// nothing was found when nothing was, and the export dialog that makes it without blocking the window.

#include "compliance/findings.h"
#include "demo/generator.h"
#include "evidence/packsigner.h"
#include "exportdialog.h"
#include "timefield.h"
#include "import/importer.h"
#include "mainwindow.h"
#include "pack/pack.h"
#include "packpdf.h"
#include "review/review.h"
#include "signingkeys.h"
#include "store/logsigning.h"
#include "store/logstore.h"
#include "store/casefile.h"
#include "testutil.h"
#include "timeline/timeline.h"
#include "ui/uitestutil.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QSqlQuery>
#include <QProcess>
#include <QRegularExpression>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

using namespace tideline;

namespace {

struct Tool {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Tool tool(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    Tool t;
    if (!p.waitForFinished(120000)) return t;
    t.exitCode = p.exitCode();
    t.out = p.readAllStandardOutput();
    t.err = p.readAllStandardError();
    return t;
}

QString pdfText(const QString& pdf)
{
    const Tool t = tool(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
    return t.exitCode == 0 ? QString::fromUtf8(t.out) : QString();
}

int pdfPages(const QString& pdf)
{
    const Tool t = tool(QStringLiteral("pdfinfo"), { pdf });
    for (const QByteArray& line : t.out.split('\n'))
        if (line.startsWith("Pages:")) return line.mid(6).trimmed().toInt();
    return -1;
}

} // namespace

class TestPackPdf : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_casePath;
    std::unique_ptr<CaseFile> m_case;
    GeneratedTruth m_truth;
    QString m_reviewed; // a finding with a decision on it
    QString m_allowed; // a fingerprint on the allow-list
    QString m_orgKey; // an organisation's ECDSA P-256 key, and its sha256
    QString m_orgFingerprint;

    Result<PackResult> exportTo(const QString& name, PackScope scope = {})
    {
        PackOptions o;
        o.scope = scope;
        o.keyPath = m_dir.filePath(QStringLiteral("keys/exporter.pem"));
        o.exporter = QStringLiteral("tests");
        o.renderPdf = [](const PackContent& c, const QString& path) { return ui::renderPackPdf(c, path); };
        return exportPack(*m_case, m_dir.filePath(name), o);
    }

private Q_SLOTS:
    void initTestCase()
    {
        uitest::isolateSettings();
        qputenv("TIDELINE_EXPORT_KEY", m_dir.filePath(QStringLiteral("keys/exporter.pem")).toUtf8());
        for (const char* t : { "pdftotext", "pdffonts", "pdfinfo", "pdftoppm", "pdfimages" })
            if (QStandardPaths::findExecutable(QString::fromLatin1(t)).isEmpty())
                QSKIP("poppler-utils is not installed (scripts/setup.sh installs it)");
        GeneratorOptions o;
        o.environments = 2;
        o.snapshots = 60;
        o.deployments = 4;
        Result<GeneratedTruth> g = generateBundle(m_dir.filePath(QStringLiteral("bundle")), o);
        QVERIFY(g.ok());
        m_truth = *g;
        m_casePath = m_dir.filePath(QStringLiteral("case.tideline"));
        m_case = std::move(CaseFile::open(m_casePath)).value();
        ImportOptions trusting; // the bundle carries its signing key: trusted explicitly, as the demo does
        trusting.trust = true;
        QVERIFY(importPaths(*m_case, { m_dir.filePath(QStringLiteral("bundle")) }, trusting).errors.empty());
        // A decision and an allow-list entry, so that the pack has a review history and allowed workloads.
        Result<CheckReport> check = checkCase(*m_case, CheckOptions());
        QVERIFY(check.ok());
        QVERIFY(check->findings.size() >= 3);
        m_reviewed = check->findings.front().id;
        QVERIFY(recordReview(*m_case, m_reviewed, Disposition::AcceptedRisk,
            QStringLiteral("a canary, owned by the platform team"), QStringLiteral("auditor"))
                    .ok());
        // Another workload's (a workload may have several findings; allowing it must not hide the reviewed one).
        for (const Finding& f : check->findings)
            if (!f.fingerprint.isEmpty() && f.id != m_reviewed && f.fingerprint != check->findings.front().fingerprint) {
                AllowEntry a;
                a.environment = f.environment;
                a.fingerprint = f.fingerprint;
                a.reason = QStringLiteral("vendor agent, approved in CHG-1234");
                a.who = QStringLiteral("ciso");
                QVERIFY(addAllowEntry(*m_case, a).ok());
                m_allowed = f.fingerprint;
                break;
            }
        QVERIFY(!m_allowed.isEmpty());
    }

    void pdfHoldsEveryFinding()
    {
        Result<PackResult> r = exportTo(QStringLiteral("pack"));
        QVERIFY2(r.ok(), qPrintable(r.error()));
        const QString pdf = QDir(r->dir).filePath(QStringLiteral("pack.pdf"));
        QVERIFY(r->files.contains(QStringLiteral("pack.pdf")));
        const QString text = pdfText(pdf);
        QVERIFY(!text.isEmpty());
        const QJsonObject findings
            = QJsonDocument::fromJson(testutil::readFile(QDir(r->dir).filePath(QStringLiteral("findings.json"))))
                  .object();
        const QJsonArray list = findings[QLatin1String("findings")].toArray();
        QCOMPARE(list.size(), r->findings);
        QVERIFY(r->findings >= 3);
        bool reviewed = false;
        for (const QJsonValue& v : list) {
            const QJsonObject f = v.toObject();
            const QString id = f[QLatin1String("id")].toString();
            QVERIFY2(text.contains(id), qPrintable(id));
            const QString fp = f[QLatin1String("fingerprint")].toString();
            if (!fp.isEmpty()) QVERIFY2(text.contains(fp), qPrintable(id + QStringLiteral(": fingerprint ") + fp));
            // The finding's own heading line names its disposition beside it, in its detail.
            const QString disposition = f[QLatin1String("disposition")].toString();
            const int at = text.indexOf(id + QStringLiteral(" · "));
            QVERIFY2(at >= 0, qPrintable(id));
            QVERIFY2(text.indexOf(disposition, at) >= 0, qPrintable(id + QLatin1Char(' ') + disposition));
            reviewed = reviewed || (id == m_reviewed && disposition == QLatin1String("accepted-risk"));
        }
        QVERIFY(reviewed);
        QVERIFY(text.contains(QStringLiteral("a canary, owned by the platform team")));
        // The cover: case, signer key, manifest hash; the allow-list's reason; every source's sha256.
        QVERIFY(text.contains(m_case->caseId()));
        QVERIFY(text.contains(r->signerFingerprint));
        QVERIFY(text.contains(r->contentSha256));
        QVERIFY(text.contains(QStringLiteral("Would have been"))); // the allowed workloads' table
        QVERIFY(text.contains(QStringLiteral("vendor agent")));
        QVERIFY(text.contains(QStringLiteral("ciso")));
        const QJsonObject manifest
            = QJsonDocument::fromJson(testutil::readFile(QDir(r->dir).filePath(QStringLiteral("manifest.json"))))
                  .object();
        for (const QJsonValue& s : manifest[QLatin1String("sources")].toArray())
            QVERIFY(text.contains(s[QLatin1String("sha256")].toString()));
        QVERIFY(verifyPack(r->dir).intact);
    }

    // On the demo case (its SBOMs, advisories and a VEX statement), a finding the VEX suppresses is listed but counted
    // open nowhere in the PDF: the cover's open count, the kinds' and environments' Open columns and the dispositions
    // all agree with the engine.
    void suppressedFindingsAreNotCountedOpen()
    {
        QTemporaryDir demoDir;
        const QString demo = uitest::makeDemoCase(demoDir.path());
        QVERIFY(!demo.isEmpty());
        auto kase = CaseFile::open(demo, CaseFile::Mode::OpenExisting);
        QVERIFY2(kase.ok(), qPrintable(kase.ok() ? QString() : kase.error()));
        Result<CheckReport> check = checkCase(**kase, CheckOptions());
        QVERIFY(check.ok());
        QVERIFY2(check->suppressed > 0, "the demo has a VEX-suppressed finding");
        PackOptions o;
        o.keyPath = m_dir.filePath(QStringLiteral("keys/exporter.pem"));
        o.exporter = QStringLiteral("tests");
        o.renderPdf = [](const PackContent& c, const QString& path) { return ui::renderPackPdf(c, path); };
        Result<PackResult> r = exportPack(**kase, demoDir.filePath(QStringLiteral("pack")), o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error()));
        const QString text = pdfText(QDir(r->dir).filePath(QStringLiteral("pack.pdf")));
        QVERIFY2(text.contains(QStringLiteral("of which %1 open").arg(check->open)), qPrintable(text.left(3000)));
        QVERIFY(text.contains(QStringLiteral("suppressed by VEX")));
        // The disposition table: "open" holds what the engine counts open and not escalated.
        int openOnly = 0;
        for (const Finding& f : check->findings)
            openOnly += f.countsOpen() && f.disposition == Disposition::Open;
        QRegularExpression openRow(QStringLiteral("\\n\\s*open\\s+(\\d+)\\s*\\n"));
        const QRegularExpressionMatch m = openRow.match(text);
        QVERIFY2(m.hasMatch(), "the dispositions table has an open row");
        QCOMPARE(m.captured(1).toInt(), openOnly);
    }

    void everyPageRendersWithHeaderAndFooter()
    {
        Result<PackResult> r = exportTo(QStringLiteral("pages"));
        QVERIFY(r.ok());
        const QString pdf = QDir(r->dir).filePath(QStringLiteral("pack.pdf"));
        const int pages = pdfPages(pdf);
        QVERIFY2(pages >= 8, qPrintable(QString::number(pages)));
        const Tool info = tool(QStringLiteral("pdfinfo"), { pdf });
        QVERIFY(info.out.simplified().contains(
            QByteArray("Title: Tideline evidence pack: case " + m_case->caseId().toUtf8())));
        QVERIFY(info.out.simplified().contains("Creator: tideline "));
        QVERIFY(info.out.contains("A4"));
        // Every page: the case id at the top and "Page x of y" at the bottom.
        const QString text = pdfText(pdf);
        const QStringList pageTexts = text.split(QChar(0x0c), Qt::SkipEmptyParts);
        QCOMPARE(pageTexts.size(), pages);
        for (int i = 0; i < pages; ++i) {
            QVERIFY2(pageTexts[i].contains(QStringLiteral("Case %1").arg(m_case->caseId())),
                qPrintable(QString::number(i + 1)));
            QVERIFY2(pageTexts[i].contains(QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages)),
                qPrintable(QString::number(i + 1)));
        }
        // pdftoppm draws every page.
        QTemporaryDir png;
        const Tool ppm = tool(QStringLiteral("pdftoppm"),
            { QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("20"), pdf,
                png.filePath(QStringLiteral("p")) });
        QCOMPARE(ppm.exitCode, 0);
        QVERIFY2(ppm.err.isEmpty(), ppm.err.constData());
        QCOMPARE(QDir(png.path()).entryList({ QStringLiteral("*.png") }).size(), pages);
    }

    void fontsAreEmbeddedAndChartsAreVectors()
    {
        Result<PackResult> r = exportTo(QStringLiteral("fonts"));
        QVERIFY(r.ok());
        const QString pdf = QDir(r->dir).filePath(QStringLiteral("pack.pdf"));
        const Tool fonts = tool(QStringLiteral("pdffonts"), { pdf });
        QCOMPARE(fonts.exitCode, 0);
        const QList<QByteArray> lines = fonts.out.split('\n');
        int listed = 0;
        for (int i = 2; i < lines.size(); ++i) {
            if (lines[i].trimmed().isEmpty()) continue;
            ++listed;
            // name type encoding emb sub uni object ID: the embedded column says yes.
            const QList<QByteArray> cols = lines[i].simplified().split(' ');
            QVERIFY2(cols.size() >= 7 && cols[cols.size() - 5] == "yes", lines[i].constData());
            QVERIFY2(lines[i].contains("DejaVu"), lines[i].constData());
        }
        QVERIFY(listed >= 2);
        // The charts are drawn as paths and text, not pasted in as pictures.
        const Tool images = tool(QStringLiteral("pdfimages"), { QStringLiteral("-list"), pdf });
        QCOMPARE(images.exitCode, 0);
        QCOMPARE(images.out.trimmed().split('\n').size(), 2); // the column titles and their underline only
    }

    void fontsComeFromTheResources()
    {
        // Built in at build time (resources/CMakeLists.txt), so that a pack draws the same anywhere.
        QVERIFY2(ui::packFonts().from.startsWith(QStringLiteral(":/")), qPrintable(ui::packFonts().from));
        QCOMPARE(ui::packFonts().sans, QStringLiteral("DejaVu Sans"));
        QCOMPARE(ui::packFonts().mono, QStringLiteral("DejaVu Sans Mono"));
    }

    void windowAndCommandLineShareTheKey()
    {
        // The window has an organization name, the command line none: the exporter key is the same file.
        const QByteArray saved = qgetenv("TIDELINE_EXPORT_KEY");
        qunsetenv("TIDELINE_EXPORT_KEY");
        QVERIFY(!QCoreApplication::organizationName().isEmpty());
        const QString path = defaultExportKeyPath();
        qputenv("TIDELINE_EXPORT_KEY", saved);
        QVERIFY2(path.endsWith(QStringLiteral("/tideline/exporter-ed25519.pem")), qPrintable(path));
        QVERIFY2(!path.contains(QCoreApplication::organizationName()), qPrintable(path));
    }

    void aChangedPdfByteBreaksThePack()
    {
        Result<PackResult> r = exportTo(QStringLiteral("tamper"));
        QVERIFY(r.ok());
        const QString pdf = QDir(r->dir).filePath(QStringLiteral("pack.pdf"));
        QByteArray bytes = testutil::readFile(pdf);
        bytes[bytes.size() / 3] = char(bytes[bytes.size() / 3] ^ 0x20);
        QVERIFY(testutil::writeFile(pdf, bytes));
        const PackVerification v = verifyPack(r->dir);
        QVERIFY(!v.intact);
        QVERIFY(v.problems.join(QLatin1Char(' ')).contains(QStringLiteral("pack.pdf")));
    }

    void emptyScopeSaysNothingWasFound()
    {
        PackScope nothing;
        nothing.from = timefmt::parseIso(QStringLiteral("2001-01-01T00:00:00Z"));
        nothing.to = timefmt::parseIso(QStringLiteral("2001-02-01T00:00:00Z"));
        Result<PackResult> r = exportTo(QStringLiteral("empty"), nothing);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->findings, 0);
        const QString pdf = QDir(r->dir).filePath(QStringLiteral("pack.pdf"));
        const QString text = pdfText(pdf);
        QVERIFY(text.contains(QStringLiteral("nothing was found in scope")));
        QVERIFY(text.contains(QStringLiteral("Nothing was found.")));
        QVERIFY(text.contains(QStringLiteral("No snapshot was recorded in scope")));
        const int pages = pdfPages(pdf);
        QVERIFY(pages >= 3);
        QTemporaryDir png;
        QCOMPARE(tool(QStringLiteral("pdftoppm"),
                     { QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("20"), pdf,
                         png.filePath(QStringLiteral("p")) })
                     .exitCode,
            0);
        QCOMPARE(QDir(png.path()).entryList({ QStringLiteral("*.png") }).size(), pages);
        QVERIFY(verifyPack(r->dir).intact);
    }

    void oneEnvironmentAndAPeriod()
    {
        const QString env = m_truth.environments.first();
        PackScope s;
        s.environment = env;
        Result<CheckReport> all = checkCase(*m_case, CheckOptions());
        QVERIFY(all.ok());
        Result<PackResult> r = exportTo(QStringLiteral("one-env"), s);
        QVERIFY(r.ok());
        const QString text = pdfText(QDir(r->dir).filePath(QStringLiteral("pack.pdf")));
        QVERIFY(text.contains(QStringLiteral("Environment %1").arg(env)));
        for (const QString& other : m_truth.environments)
            if (other != env) QVERIFY2(!text.contains(QStringLiteral("Environment %1").arg(other)), qPrintable(other));
        int inEnv = 0;
        for (const Finding& f : all->findings)
            if (f.environment == env) {
                ++inEnv;
                QVERIFY(text.contains(f.id));
            }
        QCOMPARE(r->findings, inEnv);
    }

    void renderedFromAWorkerThread()
    {
        // As the window does: the export runs on a worker, the charts are drawn on this thread meanwhile.
        auto result = std::make_shared<Result<PackResult>>(Problem {});
        const QString dir = m_dir.filePath(QStringLiteral("worker"));
        const QString casePath = m_casePath;
        const QString key = m_dir.filePath(QStringLiteral("keys/exporter.pem"));
        QThread* worker = QThread::create([=] {
            auto kase = CaseFile::open(casePath, CaseFile::Mode::OpenExisting);
            PackOptions o;
            o.keyPath = key;
            o.renderPdf = [](const PackContent& c, const QString& path) { return ui::renderPackPdf(c, path); };
            *result = exportPack(**kase, dir, o);
        });
        QSignalSpy finished(worker, &QThread::finished);
        worker->start();
        QVERIFY(finished.wait(120000));
        worker->wait();
        delete worker;
        QVERIFY2(result->ok(), qPrintable(result->error()));
        QVERIFY(verifyPack(dir).intact);
        QVERIFY(pdfPages(QDir(dir).filePath(QStringLiteral("pack.pdf"))) > 0);
    }

    void exportDialogMakesAPack()
    {
        Result<std::unique_ptr<CaseFile>> reader = CaseFile::open(m_casePath, CaseFile::Mode::ReadOnly);
        QVERIFY(reader.ok());
        ui::ExportDialog dialog(m_casePath, (*Timeline(**reader).environments()));
        dialog.show();
        QCOMPARE(dialog.environmentField()->count(), 1 + int(m_truth.environments.size()));
        QVERIFY(dialog.wholeHistoryButton()->isChecked());
        QVERIFY(!dialog.fromField()->isEnabled());
        QVERIFY(!dialog.openPdfButton()->isVisible());
        // A folder that exists and is not empty is refused before anything runs.
        dialog.setOutputDir(m_dir.filePath(QStringLiteral("bundle")));
        QVERIFY(!dialog.exportButton()->isEnabled());
        QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("not empty")));
        // One environment, a period, the sources copied.
        const QString dir = m_dir.filePath(QStringLiteral("from-dialog"));
        dialog.setOutputDir(dir);
        dialog.environmentField()->setCurrentIndex(1);
        dialog.findChildren<QRadioButton*>().last()->setChecked(true);
        QVERIFY(dialog.fromField()->isEnabled());
        const Environment env = (*Timeline(**reader).environments()).front();
        dialog.fromField()->setTime(env.first + 3600 * 1000);
        dialog.toField()->setTime(env.last - 3600 * 1000);
        dialog.sourcesField()->setChecked(true);
        const PackOptions o = dialog.options();
        QCOMPARE(o.scope.environment, env.name);
        QCOMPARE(*o.scope.from, env.first + 3600 * 1000);
        QVERIFY(o.includeSources);
        QVERIFY(dialog.exportButton()->isEnabled());
        // Progress arrives while the worker runs: the window's event loop keeps going.
        QList<int> seen;
        connect(dialog.progressBar(), &QProgressBar::valueChanged, this, [&](int v) { seen << v; });
        QSignalSpy exported(&dialog, &ui::ExportDialog::exported);
        QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
        QVERIFY(dialog.running());
        QVERIFY(!dialog.exportButton()->isEnabled());
        dialog.reject(); // refused while it runs
        QVERIFY(dialog.isVisible());
        QVERIFY(exported.wait(120000));
        QVERIFY(!dialog.running());
        int between = 0;
        for (int v : seen)
            between += v > 0 && v < 100;
        QVERIFY2(between >= 2, qPrintable(QString::number(between)));
        QCOMPARE(exported.first().first().toString(), QFileInfo(dir).absoluteFilePath());
        QVERIFY(dialog.openPdfButton()->isVisible());
        QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("Exported")));
        QVERIFY(!dialog.exportButton()->isEnabled()); // the folder now holds a pack
        QVERIFY(verifyPack(dir).intact);
        QVERIFY(QDir(dir).exists(QStringLiteral("sources")));
        const QJsonObject manifest
            = QJsonDocument::fromJson(testutil::readFile(QDir(dir).filePath(QStringLiteral("manifest.json")))).object();
        QCOMPARE(manifest[QLatin1String("scope")][QLatin1String("environment")].toString(), env.name);
        QVERIFY(!dialog.grab().isNull());
        dialog.grab().save(m_dir.filePath(QStringLiteral("export-dialog.png")));
        if (!qEnvironmentVariableIsEmpty("TIDELINE_KEEP_SHOTS"))
            dialog.grab().save(qEnvironmentVariable("TIDELINE_KEEP_SHOTS") + QStringLiteral("/export-dialog.png"));
    }

    void windowOpensTheDialog()
    {
        ui::MainWindow w;
        w.resize(1300, 850);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* action = w.findChild<QAction*>(QStringLiteral("exportPackAction"));
        QVERIFY(action);
        QVERIFY(!action->isEnabled()); // no case yet
        QSignalSpy loaded(&w, &ui::MainWindow::overviewLoaded);
        w.openCase(m_casePath);
        QVERIFY(loaded.wait(20000));
        QVERIFY(action->isEnabled());
        action->trigger();
        ui::ExportDialog* d = w.exportDialog();
        QVERIFY(d);
        QVERIFY(d->isVisible());
        QCOMPARE(d->environmentField()->count(), 1 + int(m_truth.environments.size()));
        QVERIFY(d->exportButton()->isEnabled());
        if (!qEnvironmentVariableIsEmpty("TIDELINE_KEEP_SHOTS"))
            w.grab().save(qEnvironmentVariable("TIDELINE_KEEP_SHOTS") + QStringLiteral("/window-export.png"));
        d->close();
        QTRY_VERIFY(!w.exportDialog()); // deleted on close
    }

    // The export dialog's signing key: an organisation's ECDSA key, described as it is chosen, refused when it
    // cannot sign, used for the pack and remembered for the next one.
    void exportDialogSigningKeySetting()
    {
        const QString key = m_dir.filePath(QStringLiteral("keys/org-p256.pem"));
        QCOMPARE(tool(QStringLiteral("openssl"), { QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"), QStringLiteral("-pkeyopt"),
                                                     QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-out"), key })
                     .exitCode,
            0);
        const QString fingerprint = QString::fromLatin1(
            tool(QStringLiteral("sh"), { QStringLiteral("-c"), QStringLiteral("openssl pkey -in '%1' -pubout -outform DER | sha256sum | cut -c1-64").arg(key) }).out.trimmed());
        QCOMPARE(fingerprint.size(), 64);
        Result<std::unique_ptr<CaseFile>> reader = CaseFile::open(m_casePath, CaseFile::Mode::ReadOnly);
        QVERIFY(reader.ok());
        const QString dir = m_dir.filePath(QStringLiteral("org-signed"));
        {
            ui::ExportDialog dialog(m_casePath, (*Timeline(**reader).environments()));
            dialog.show();
            dialog.setOutputDir(dir);
            ui::KeyField* field = dialog.signingKeyField();
            QVERIFY(field->edit()->text().isEmpty());
            QVERIFY(field->descriptionLabel()->text().contains(QStringLiteral("generated exporter key")));
            QVERIFY(dialog.exportButton()->isEnabled());
            // Not a key: refused before anything runs.
            field->edit()->setText(m_dir.filePath(QStringLiteral("bundle/tideline-bundle.json")));
            QVERIFY(!dialog.exportButton()->isEnabled());
            QVERIFY(field->descriptionLabel()->text().contains(QStringLiteral("Cannot sign with it")));
            QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("signing key")));
            field->edit()->setText(key);
            QCOMPARE(field->descriptionLabel()->text(), QStringLiteral("ECDSA P-256 key, sha256\n%1").arg(fingerprint));
            QVERIFY(dialog.exportButton()->isEnabled());
            QCOMPARE(dialog.options().signingKey, key);
            QSignalSpy exported(&dialog, &ui::ExportDialog::exported);
            QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
            QVERIFY(exported.wait(120000));
            QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("ECDSA P-256 key with sha256 %1").arg(fingerprint)));
            QTRY_VERIFY(field->edit()->height() >= field->edit()->sizeHint().height()); // grown, not squeezed
            QTRY_VERIFY(field->descriptionLabel()->height() >= field->descriptionLabel()->sizeHint().height());
            if (!qEnvironmentVariableIsEmpty("TIDELINE_KEEP_SHOTS"))
                dialog.grab().save(qEnvironmentVariable("TIDELINE_KEEP_SHOTS") + QStringLiteral("/export-dialog-key.png"));
        }
        const PackVerification v = verifyPack(dir, fingerprint);
        QVERIFY2(v.intact, qPrintable(v.problems.join(QStringLiteral("; "))));
        QCOMPARE(v.signerAlgorithm, QStringLiteral("ecdsa-p256-sha256"));
        QCOMPARE(tool(QStringLiteral("sh"), { QStringLiteral("-c"),
                                              QStringLiteral("cd '%1' && openssl dgst -sha256 -verify signer.pub -signature manifest.sig manifest.json").arg(dir) })
                     .exitCode,
            0);
        QVERIFY(pdfText(QDir(dir).filePath(QStringLiteral("pack.pdf"))).contains(QStringLiteral("Signer key (ECDSA P-256)")));
        // Remembered: the next dialog, and the Signing Keys settings, start from it.
        QCOMPARE(QSettings().value(QStringLiteral("keys/pack")).toString(), key);
        ui::ExportDialog next(m_casePath, (*Timeline(**reader).environments()));
        QCOMPARE(next.signingKeyField()->path(), key);
        ui::SigningKeysDialog settings;
        QCOMPARE(settings.packField()->path(), key);
        settings.packField()->edit()->clear();
        // The log key set there signs what the window adds to a case's log from then on.
        settings.logField()->edit()->setText(key);
        settings.show();
        if (!qEnvironmentVariableIsEmpty("TIDELINE_KEEP_SHOTS"))
            settings.grab().save(qEnvironmentVariable("TIDELINE_KEEP_SHOTS") + QStringLiteral("/signing-keys.png"));
        settings.accept();
        QVERIFY(QSettings().value(QStringLiteral("keys/pack")).toString().isEmpty());
        QCOMPARE(logSigner()->key()->sha256, fingerprint);
        ui::signingkeys::setLogKey(QString());
        ui::signingkeys::applyLogKey();
        QVERIFY(logSigner()->key()->sha256 != fingerprint);
        m_orgKey = key;
        m_orgFingerprint = fingerprint;
    }

    // File › Verify Case Against a Pack: intact while the log holds what the pack recorded; a decision edited
    // afterwards with the chain recomputed (and the signatures it broke taken off) is caught.
    // Notes and names are data in the PDF too: an RLO shows as \u202E instead of reversing the line, and a
    // 100 KB note is cut to a page's worth (findings.json keeps it whole).
    void hostileNotesStayReadable()
    {
        const QString note = QStringLiteral("approved \u202Efdp.exe") + QString(100 * 1024, QLatin1Char('x'));
        const int pagesBefore = pdfPages(QDir(exportTo(QStringLiteral("before-note"))->dir).filePath(QStringLiteral("pack.pdf")));
        QVERIFY(recordReview(*m_case, m_reviewed, Disposition::Escalated, note, QStringLiteral("auditor")).ok());
        Result<PackResult> r = exportTo(QStringLiteral("hostile-note"));
        QVERIFY2(r.ok(), qPrintable(r.error()));
        const QString pdf = QDir(r->dir).filePath(QStringLiteral("pack.pdf"));
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("\\u202Efdp.exe")), qPrintable(text.mid(text.indexOf(QStringLiteral("approved")), 200)));
        QVERIFY(!text.contains(QChar(0x202E)));
        QVERIFY2(text.simplified().contains(QStringLiteral("the whole note is in findings.json")), "the note is not cut"); // (lines wrap anywhere)
        QVERIFY2(pdfPages(pdf) <= pagesBefore + 3, qPrintable(QStringLiteral("%1 pages, %2 before").arg(pdfPages(pdf)).arg(pagesBefore)));
        QVERIFY(testutil::readFile(QDir(r->dir).filePath(QStringLiteral("findings.json"))).contains(QByteArray(1000, 'x')));
    }

    void windowVerifiesTheCaseAgainstAPack()
    {
        ui::MainWindow w; // it sets the log key: the exporter key of these tests
        w.resize(1300, 850);
        w.show();
        const QString path = m_dir.filePath(QStringLiteral("against.tideline"));
        QString finding;
        {
            auto kase = std::move(CaseFile::open(path)).value();
            QVERIFY(importPaths(*kase, { m_dir.filePath(QStringLiteral("bundle")) }, ImportOptions()).errors.empty());
            finding = checkCase(*kase, CheckOptions())->findings.front().id;
            QVERIFY(recordReview(*kase, finding, Disposition::AcceptedRisk, QStringLiteral("vendor canary"), QStringLiteral("auditor")).ok());
            QVERIFY(!(*LogStore(kase->db()).list()).back().signature.isEmpty());
        }
        const QString pack = m_dir.filePath(QStringLiteral("against-pack"));
        {
            auto kase = std::move(CaseFile::open(path)).value();
            PackOptions o;
            o.keyPath = m_dir.filePath(QStringLiteral("keys/exporter.pem"));
            QVERIFY(exportPack(*kase, pack, o).ok());
        }
        QSignalSpy loaded(&w, &ui::MainWindow::overviewLoaded);
        w.openCase(path);
        QVERIFY(loaded.wait(20000));
        auto* action = w.findChild<QAction*>(QStringLiteral("verifyAgainstPackAction"));
        QVERIFY(action && action->isEnabled());
        auto verify = [&](bool expected) -> QMessageBox* {
            QSignalSpy verified(&w, &ui::MainWindow::caseVerified);
            w.verifyCase(pack);
            if (!verified.wait(60000)) return nullptr;
            if (verified.first().first().toBool() != expected) return nullptr;
            return w.findChild<QMessageBox*>(QStringLiteral("verifyCaseResult")); // opened before the signal
        };
        QMessageBox* box = verify(true);
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("Intact")));
        QVERIFY2(box->informativeText().contains(QStringLiteral("is still in the chain")), qPrintable(box->informativeText()));
        QVERIFY2(box->informativeText().contains(QStringLiteral("your own pack key")), qPrintable(box->informativeText()));
        if (!qEnvironmentVariableIsEmpty("TIDELINE_KEEP_SHOTS"))
            box->grab().save(qEnvironmentVariable("TIDELINE_KEEP_SHOTS") + QStringLiteral("/verify-against-pack.png"));
        box->close();
        delete box;

        // With sqlite3's reach and no key: the decision rewritten, every hash after it recomputed.
        {
            auto kase = std::move(CaseFile::open(path)).value();
            QSqlQuery q(kase->db());
            QVERIFY(q.exec(QStringLiteral("UPDATE log SET detail = replace(detail, 'accepted-risk', 'false-positive') WHERE action = 'review'")));
            QVERIFY(q.exec(QStringLiteral("UPDATE reviews SET disposition = 'false-positive'")));
            QString prev = LogStore::genesisHash();
            bool changed = false;
            for (const LogEntry& e : (*LogStore(kase->db()).list())) {
                const QString hash = LogStore::entryHash(prev, e.at, e.actor, e.action, e.detail);
                changed = changed || hash != e.hash;
                if (changed) {
                    q.prepare(QStringLiteral("UPDATE log SET hash = ?, signature = NULL, signer = NULL WHERE id = ?"));
                    q.addBindValue(hash);
                    q.addBindValue(e.id);
                    QVERIFY(q.exec());
                }
                prev = hash;
            }
            QVERIFY(changed);
        }
        box = verify(false);
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("Tampered")));
        QVERIFY2(box->informativeText().contains(QStringLiteral("is no longer in the chain")), qPrintable(box->informativeText()));
        QVERIFY2(box->informativeText().contains(QStringLiteral("after signed ones")), qPrintable(box->informativeText()));
        if (!qEnvironmentVariableIsEmpty("TIDELINE_KEEP_SHOTS"))
            box->grab().save(qEnvironmentVariable("TIDELINE_KEEP_SHOTS") + QStringLiteral("/verify-against-pack-tampered.png"));
        box->close();

        // A decision taken in the window with the reviewer's own key set: signed by it, and the log says so.
        QVERIFY(!m_orgKey.isEmpty());
        ui::signingkeys::setReviewKey(m_orgKey);
        QSignalSpy recorded(&w, &ui::MainWindow::reviewRecorded);
        w.recordDecision(finding, Disposition::Remediated, QStringLiteral("rebuilt from main"), QStringLiteral("auditor"));
        QVERIFY(recorded.wait(30000));
        ui::signingkeys::setReviewKey(QString());
        auto kase = std::move(CaseFile::open(path, CaseFile::Mode::ReadOnly)).value();
        const LogEntry last = (*LogStore(kase->db()).list()).back();
        QCOMPARE(last.action, QStringLiteral("review"));
        QCOMPARE(last.cosigner, m_orgFingerprint);
        QCOMPARE(QJsonDocument::fromJson(last.detail.toUtf8())[QLatin1String("reviewer_key")].toString(), m_orgFingerprint);
    }
};

QTEST_MAIN(TestPackPdf)
#include "tst_packpdf.moc"
