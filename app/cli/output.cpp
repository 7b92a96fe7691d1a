// SPDX-License-Identifier: GPL-3.0-or-later
#include "output.h"

#include "domain/finding.h"
#include "domain/text.h"
#include "import/importer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cstdio>
#include <unistd.h>

namespace tideline::cli {

namespace {

bool g_wroteOutput = false; // something went to stdout
bool g_jsonErrors = false; // --json: a failure without output gives a JSON document too
QStringList g_errors;

} // namespace

void expectJson(bool json)
{
    g_jsonErrors = json;
    g_wroteOutput = false;
    g_errors.clear();
}

void finishJson(int exitCode)
{
    if (!g_jsonErrors || g_wroteOutput || exitCode == 0)
        return;
    // What went to stderr, as one document on stdout: scripts reading --json get an answer either way.
    QJsonArray messages;
    for (QString e : std::as_const(g_errors)) {
        if (e.startsWith(QLatin1String("tideline: ")))
            e = e.mid(10);
        messages.append(e);
    }
    printJson(QJsonObject { { QStringLiteral("ok"), false }, { QStringLiteral("exit_code"), exitCode },
        { QStringLiteral("error"), messages.isEmpty() ? QJsonValue(QStringLiteral("failed")) : messages.first() },
        { QStringLiteral("errors"), messages } });
}

// What the terminal gets is data: names from bundles cannot move the cursor or reorder a line.
void out(const QString& text)
{
    g_wroteOutput = true;
    const QByteArray b = visibleText(text, LineBreaks::Keep).toUtf8();
    std::fwrite(b.constData(), 1, static_cast<size_t>(b.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void err(const QString& text)
{
    if (g_jsonErrors)
        g_errors << text;
    const QByteArray b = visibleText(text, LineBreaks::Keep).toUtf8();
    std::fwrite(b.constData(), 1, static_cast<size_t>(b.size()), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

void sayWaiting(const QString& casePath, qint64 waitedMs)
{
    // The observer is called about once a second; one line in five is enough to show the wait is a wait.
    if (waitedMs / 1000 % 5 == 1)
        err(QStringLiteral("tideline: waiting for another writer of %1 to finish (%2 s; TIDELINE_LOCK_TIMEOUT sets the limit)")
                .arg(casePath)
                .arg(waitedMs / 1000));
}

namespace {
qint64 nowMs() // steady: a clock set back or forward mid-run changes no rate
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
QString megabytes(qint64 b)
{
    return b >= qint64(1000000000) ? QStringLiteral("%1 GB").arg(static_cast<double>(b) / 1e9, 0, 'f', 1)
                                : QStringLiteral("%1 MB").arg(static_cast<double>(b) / 1e6, 0, 'f', 0);
}
} // namespace

ProgressLine::ProgressLine(QString what)
    : m_what(std::move(what))
    , m_startedMs(nowMs())
    , m_terminal(isatty(fileno(stderr)) != 0)
{
}

ProgressLine::~ProgressLine() { done(); }

void ProgressLine::update(qint64 bytesDone, qint64 bytesTotal)
{
    const qint64 now = nowMs();
    if (now - m_startedMs < 1000 || now - m_lastMs < (m_terminal ? 200 : 10000))
        return;
    m_lastMs = now;
    const double seconds = static_cast<double>(now - m_startedMs) / 1000.0;
    const QString line = QStringLiteral("%1: %2 % of %3 read back, %4 MB/s")
                             .arg(m_what)
                             .arg(bytesTotal > 0 ? 100 * bytesDone / bytesTotal : 100)
                             .arg(megabytes(bytesTotal))
                             .arg(static_cast<double>(bytesDone) / 1e6 / seconds, 0, 'f', 0);
    const QByteArray b = line.toUtf8();
    if (m_terminal) {
        std::fputs("\r\033[K", stderr);
        std::fwrite(b.constData(), 1, static_cast<size_t>(b.size()), stderr);
    } else {
        std::fwrite(b.constData(), 1, static_cast<size_t>(b.size()), stderr);
        std::fputc('\n', stderr);
    }
    std::fflush(stderr);
    m_shown = true;
}

void ProgressLine::done()
{
    if (m_shown && m_terminal) {
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
    }
    m_shown = false;
}

void printJson(const QJsonValue& value)
{
    QJsonDocument doc;
    if (value.isArray())
        doc = QJsonDocument(value.toArray());
    else
        doc = QJsonDocument(value.toObject());
    g_wroteOutput = true;
    const QByteArray b = doc.toJson(QJsonDocument::Indented);
    std::fwrite(b.constData(), 1, static_cast<size_t>(b.size()), stdout);
    std::fflush(stdout);
}

void printTable(const QStringList& headers, const std::vector<QStringList>& rows)
{
    std::vector<int> width(static_cast<size_t>(headers.size()), 0);
    auto measure = [&](const QStringList& r) {
        for (int i = 0; i < r.size() && i < headers.size(); ++i)
            width[static_cast<size_t>(i)] = std::max(width[static_cast<size_t>(i)], static_cast<int>(r[i].size()));
    };
    measure(headers);
    for (const auto& r : rows)
        measure(r);
    auto line = [&](const QStringList& r) {
        QString s;
        for (int i = 0; i < headers.size(); ++i) {
            const QString cell = r.value(i);
            s += i + 1 < headers.size() ? cell.leftJustified(width[static_cast<size_t>(i)] + 2) : cell;
        }
        out(s.trimmed().isEmpty() ? s : s);
    };
    line(headers);
    for (const auto& r : rows)
        line(r);
}

QJsonValue time(Millis t) { return t ? QJsonValue(timefmt::formatIso(t)) : QJsonValue(); }

QString shortFingerprint(const QString& fp)
{
    if (fp.isEmpty())
        return QStringLiteral("(unknown)");
    return fp.size() > 16 ? fp.left(8) + QChar(0x2026) + fp.right(5) : fp;
}

QJsonObject toJson(const Environment& e)
{
    return { { QStringLiteral("name"), e.name }, { QStringLiteral("type"), e.type },
        { QStringLiteral("snapshots"), e.snapshots }, { QStringLiteral("first"), time(e.first) },
        { QStringLiteral("last"), time(e.last) } };
}

QJsonObject toJson(const Snapshot& s)
{
    return { { QStringLiteral("index"), s.index }, { QStringLiteral("taken_at"), time(s.takenAt) },
        { QStringLiteral("confirmed_until"), time(s.confirmedUntil) }, { QStringLiteral("workloads"), s.workloads },
        { QStringLiteral("instances"), s.instances }, { QStringLiteral("source_sha256"), s.sourceSha256 } };
}

QJsonObject toJson(const Workload& w)
{
    return { { QStringLiteral("name"), w.name }, { QStringLiteral("fingerprint"), w.fingerprint },
        { QStringLiteral("unknown"), w.unknown() }, { QStringLiteral("instances"), w.instances },
        { QStringLiteral("instance_names"), QJsonArray::fromStringList(w.instanceNames) },
        { QStringLiteral("running_since"), time(w.runningSince) }, { QStringLiteral("created"), time(w.created) } };
}

QJsonObject toJson(const State& s)
{
    QJsonArray workloads;
    for (const Workload& w : s.workloads)
        workloads.append(toJson(w));
    return { { QStringLiteral("environment"), s.snapshot.environment }, { QStringLiteral("at"), time(s.at) },
        { QStringLiteral("snapshot_index"), s.snapshot.index }, { QStringLiteral("snapshot_taken_at"), time(s.snapshot.takenAt) },
        { QStringLiteral("confirmed_until"), time(s.snapshot.confirmedUntil) }, { QStringLiteral("observed"), s.observed },
        { QStringLiteral("workloads"), workloads } };
}

QJsonObject toJson(const SnapshotDiff& d)
{
    auto list = [](const std::vector<DiffEntry>& entries, bool scaled) {
        QJsonArray a;
        for (const DiffEntry& e : entries) {
            QJsonObject o { { QStringLiteral("name"), e.name }, { QStringLiteral("fingerprint"), e.fingerprint } };
            if (scaled) {
                o.insert(QStringLiteral("from_instances"), e.fromInstances);
                o.insert(QStringLiteral("to_instances"), e.toInstances);
            } else {
                o.insert(QStringLiteral("instances"), e.toInstances ? e.toInstances : e.fromInstances);
            }
            a.append(o);
        }
        return a;
    };
    auto ref = [](const Snapshot& s) {
        return QJsonObject { { QStringLiteral("environment"), s.environment }, { QStringLiteral("index"), s.index },
            { QStringLiteral("taken_at"), time(s.takenAt) } };
    };
    return { { QStringLiteral("from"), ref(d.from) }, { QStringLiteral("to"), ref(d.to) },
        { QStringLiteral("added"), list(d.added, false) }, { QStringLiteral("removed"), list(d.removed, false) },
        { QStringLiteral("scaled"), list(d.scaled, true) }, { QStringLiteral("unchanged"), list(d.unchanged, false) } };
}

QJsonObject toJson(const ExposureWindow& w)
{
    return { { QStringLiteral("from"), time(w.from) }, { QStringLiteral("to"), time(w.to) },
        { QStringLiteral("first_snapshot"), w.firstSnapshot ? QJsonValue(w.firstSnapshot) : QJsonValue() },
        { QStringLiteral("last_snapshot"), w.lastSnapshot ? QJsonValue(w.lastSnapshot) : QJsonValue() } };
}

QJsonObject toJson(const RunInterval& r)
{
    return { { QStringLiteral("environment"), r.environment }, { QStringLiteral("from"), time(r.from) },
        { QStringLiteral("to"), time(r.to) }, { QStringLiteral("last_seen"), time(r.lastSeen) },
        { QStringLiteral("ongoing"), r.ongoing }, { QStringLiteral("first_snapshot"), r.firstSnapshot },
        { QStringLiteral("last_snapshot"), r.lastSnapshot }, { QStringLiteral("max_instances"), r.maxInstances } };
}

QJsonObject toJson(const FingerprintMatch& m)
{
    QJsonArray runs;
    for (const RunInterval& r : m.runs)
        runs.append(toJson(r));
    return { { QStringLiteral("fingerprint"), m.fingerprint }, { QStringLiteral("names"), QJsonArray::fromStringList(m.names) },
        { QStringLiteral("runs"), runs } };
}

QJsonObject toJson(const Problem& p)
{
    QJsonObject o { { QStringLiteral("path"), p.file }, { QStringLiteral("error"), p.where.isEmpty() ? p.message : p.where + QStringLiteral(": ") + p.message } };
    if (!p.where.isEmpty())
        o.insert(QStringLiteral("where"), p.where);
    return o;
}

QJsonObject toJson(const ImportReport& r)
{
    QJsonArray imported, skipped, errors, warnings;
    for (const ImportedFile& f : r.imported) {
        QJsonObject o { { QStringLiteral("path"), f.path }, { QStringLiteral("format"), f.format },
            { QStringLiteral("sha256"), f.sha256 } };
        if (f.isSnapshot) {
            o.insert(QStringLiteral("environment"), f.environment);
            o.insert(QStringLiteral("type"), f.type);
            o.insert(QStringLiteral("taken_at"), time(f.takenAt));
            o.insert(QStringLiteral("snapshot_index"), f.snapshotIndex);
            o.insert(QStringLiteral("new_snapshot"), f.newSnapshot);
            o.insert(QStringLiteral("workloads"), f.workloads);
        } else {
            o.insert(QStringLiteral("environment"), QJsonValue());
            o.insert(QStringLiteral("snapshot_index"), QJsonValue());
            o.insert(QStringLiteral("new_snapshot"), false);
            o.insert(QStringLiteral("workloads"), 0);
        }
        if (f.evidence || f.bindings || !f.keys.isEmpty() || !f.anchors.empty()) {
            o.insert(QStringLiteral("evidence"), f.evidence);
            o.insert(QStringLiteral("bindings"), f.bindings);
            o.insert(QStringLiteral("keys"), QJsonArray::fromStringList(f.keys));
            QJsonArray anchors;
            for (const AnchorImport& a : f.anchors)
                anchors.append(toJson(a));
            o.insert(QStringLiteral("trust"), anchors);
        }
        for (const auto& [key, n] : { std::pair { "packages", f.packages }, { "advisories", f.advisories }, { "vex_statements", f.vex } })
            if (n > 0)
                o.insert(QLatin1String(key), n);
        imported.append(o);
        for (const Problem& w : f.warnings)
            warnings.append(toJson(w));
    }
    for (const SkippedFile& s : r.skipped)
        skipped.append(QJsonObject { { QStringLiteral("path"), s.path }, { QStringLiteral("reason"), s.reason } });
    for (const Problem& p : r.errors)
        errors.append(toJson(p));
    QJsonArray untrusted;
    for (const AnchorImport& a : r.untrusted())
        untrusted.append(toJson(a));
    return { { QStringLiteral("imported"), imported }, { QStringLiteral("skipped"), skipped },
        { QStringLiteral("errors"), errors }, { QStringLiteral("warnings"), warnings }, { QStringLiteral("untrusted"), untrusted },
        { QStringLiteral("cancelled"), r.cancelled }, { QStringLiteral("stopped"), r.stopped ? QJsonValue(toJson(*r.stopped)) : QJsonValue() },
        { QStringLiteral("files"), r.files },
        { QStringLiteral("bytes"), r.bytes }, { QStringLiteral("seconds"), r.seconds } };
}

QJsonObject toJson(const TrustRecord& t)
{
    return { { QStringLiteral("trusted"), t.trusted }, { QStringLiteral("origin"), t.origin.isEmpty() ? QJsonValue() : QJsonValue(t.origin) },
        { QStringLiteral("by"), t.by.isEmpty() ? QJsonValue() : QJsonValue(t.by) }, { QStringLiteral("at"), t.at ? time(*t.at) : QJsonValue() },
        { QStringLiteral("how"), t.how.isEmpty() ? QJsonValue() : QJsonValue(t.how) } };
}

QJsonObject toJson(const AnchorImport& a)
{
    return { { QStringLiteral("kind"), a.kind }, { QStringLiteral("name"), a.name }, { QStringLiteral("sha256"), a.sha256 },
        { QStringLiteral("detail"), a.detail }, { QStringLiteral("already_held"), a.alreadyHeld }, { QStringLiteral("trusted_now"), a.trustedNow },
        { QStringLiteral("trusted"), a.trust.trusted }, { QStringLiteral("trust"), toJson(a.trust) } };
}

QString anchorLine(const AnchorImport& a)
{
    const QString what = a.kind == QLatin1String("key") ? QStringLiteral("key") : QStringLiteral("trusted root");
    QString line = QStringLiteral("  %1 '%2' (%3, sha256 %4)%5: ").arg(what, a.name, a.detail, a.sha256.left(16) + QChar(0x2026),
        a.alreadyHeld ? QStringLiteral(", already held") : QString());
    if (a.trust.trusted)
        return line + a.trust.text();
    return line + QStringLiteral("NOT trusted: it came %1, with the evidence it would vouch for").arg(a.trust.origin);
}

} // namespace tideline::cli
