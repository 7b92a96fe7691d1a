#pragma once

#include "domain/timefmt.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace tideline {

// A stretch of time in which a finding held, and the snapshots that show it.
struct ExposureWindow {
    Millis from = 0;
    Millis to = 0;
    qint64 firstSnapshot = 0;
    qint64 lastSnapshot = 0;
    Millis duration() const { return to > from ? to - from : 0; }
};

struct ReviewEntry {
    QString disposition;
    QString note;
    QString reviewer;
    Millis at = 0;
    QString logHash; // the log entry that records it
};

// Something that ran without what the policy requires, or a stretch in which nothing can be proven.
struct Finding {
    QString id; // stable across evaluations: reviews stay attached
    // no-provenance, missing-attestation, non-compliant-attestation, unverified-evidence, unknown-fingerprint, blind-spot
    QString kind;
    QString environment;
    QString fingerprint; // empty for unknown workloads and blind spots
    QStringList names;
    QString detail; // what is wrong, in words
    QStringList rules; // the rules that failed, e.g. "build-process v6: provenance required"
    QStringList attestations; // which attestations are missing, non-compliant or unverified
    QStringList evidence; // ids of the evidence it rests on
    QString provenance; // what the provenance rests on (for no-provenance: that none was found)
    std::vector<ExposureWindow> windows;
    Millis firstSeen = 0;
    Millis lastSeen = 0;
    qint64 totalSeconds = 0;
    QString disposition = QStringLiteral("open");
    std::vector<ReviewEntry> history;
};

// A workload the allow-list let run: no finding while its entry was valid.
struct AllowedWorkload {
    QString environment;
    QString fingerprint;
    QStringList names;
    QString kind; // the finding it would have been
    QString reason;
    QString who;
    std::optional<Millis> validUntil;
    std::vector<ExposureWindow> windows;
};

struct CheckReport {
    std::vector<Finding> findings;
    std::vector<AllowedWorkload> allowed;
    std::map<QString, int> byKind;
    int open = 0;
    QStringList environments;
    QStringList policies; // "name vN" of every policy evaluated
    std::optional<Millis> from;
    std::optional<Millis> to;
};

const QStringList& findingKinds();
const QStringList& dispositions();

} // namespace tideline
