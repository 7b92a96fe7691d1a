// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/model.h"
#include "domain/timefmt.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

class QJsonObject;

namespace tideline {

// What a finding is about. Its name (findingKindName) is what JSON, CSV, the case file and finding ids carry.
enum class FindingKind {
    NoProvenance, // ran with no provenance at all
    MissingAttestation, // an attestation the policy requires is missing
    NonCompliantAttestation, // a required attestation says it failed
    UnverifiedEvidence, // evidence it rests on does not verify
    UnknownFingerprint, // ran with no usable sha256 digest
    BlindSpot, // a stretch with no snapshot: nothing can be proven
    VulnerablePackage, // ran containing a package an advisory says is vulnerable
};
const std::vector<FindingKind>& findingKinds(); // in the order lists and reports show them
QString findingKindName(FindingKind kind); // "no-provenance", ...
std::optional<FindingKind> findingKindFromName(const QString& name);

// An auditor's decision on a finding.
enum class Disposition { Open, AcceptedRisk, FalsePositive, Remediated, Escalated };
const std::vector<Disposition>& dispositions();
QString dispositionName(Disposition d); // "open", "accepted-risk", ...
std::optional<Disposition> dispositionFromName(const QString& name);
QStringList dispositionNames(); // every name, for messages and choices

// A finding someone still has to act on: open, or escalated to someone else (escalating hands a finding on, it
// does not close it). This is what "open" means everywhere: the engine's open count, `check`'s exit code, the
// window's colours and the pack.
bool stillOpen(Disposition d);

// How much a finding weighs, most severe first. Its name (severityName) is what JSON and CSV carry.
enum class Severity { Critical, High, Medium, Low };
const std::vector<Severity>& severities(); // most severe first
QString severityName(Severity s); // "critical", ...
std::optional<Severity> severityFromName(const QString& name);
// From the kind and the policy: what ran from nowhere is critical; an unknown digest, evidence that does not verify
// or an attestation that failed is high; a missing attestation or a blind spot medium. A finding only the baseline
// raises (no policy of the case asks for it: Tideline's own "provenance required") weighs one step less.
// A vulnerable-package finding whose advisory gives a rating weighs that rating instead (the check sets it).
Severity findingSeverity(FindingKind kind, bool policyBacked);

// A stretch of time in which a finding held, and the snapshots that show it.
struct ExposureWindow {
    Millis from = 0;
    Millis to = 0;
    qint64 firstSnapshot = 0;
    qint64 lastSnapshot = 0;
    Millis duration() const { return to > from ? to - from : 0; }
};

struct ReviewEntry {
    Disposition disposition = Disposition::Open;
    QString note;
    QString reviewer;
    Millis at = 0;
    QString logHash; // the log entry that records it
};

// What a vulnerable-package finding is about: the advisory, the packages it affects in the workload, and the VEX
// statement that speaks of it, if any.
struct VulnerabilityDetail {
    QString advisory; // the OSV id
    QStringList aliases; // CVE-…
    QString summary;
    QStringList packages; // "name@version" of each affected package in the workload
    QStringList purls;
    QString fixed; // the first fixed version after the affected one, where the advisory names one
    QString rating; // none, low, medium, high, critical; empty when the record gives none
    std::optional<double> score; // CVSS v3.x base score, computed from the vector
    QString vector; // the CVSS vector as given (v4 and v2 are shown, not scored)
    QString undecided; // empty when the version is affected; else why that cannot be told (GIT range, unordered version)
    QString advisorySource; // file name and sha256 of the OSV record
    QString advisorySha256;
    bool suppressed = false; // a VEX statement says not_affected or fixed for every package here
    QString vexStatus; // the statement that applies, if any (shown even when it does not suppress)
    QString vexJustification;
    QString vexStatement;
    QString vexAuthor;
    QString vexSource;
    QString vexSha256;
};

// The detail as JSON and CSV, the same for the command line and the pack.
QJsonObject vulnerabilityJson(const VulnerabilityDetail& v);

// Something that ran without what the policy requires, or a stretch in which nothing can be proven.
struct Finding {
    QString id; // stable across evaluations: reviews stay attached
    FindingKind kind = FindingKind::NoProvenance;
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
    Disposition disposition = Disposition::Open;
    std::vector<ReviewEntry> history;
    std::optional<VulnerabilityDetail> vulnerability; // vulnerable-package findings
    // Suppressed by a VEX statement and not reviewed since: listed, but not counted open.
    bool suppressedByVex() const { return vulnerability && vulnerability->suppressed && disposition == Disposition::Open; }
    // Counted open everywhere (the engine's count, check's exit code and --fail-on, the window, the pack): still open
    // and not suppressed by VEX.
    bool countsOpen() const { return stillOpen(disposition) && !suppressedByVex(); }
    Severity severity = Severity::Medium;
    bool policyBacked = false; // a policy of the case (not only the baseline) raises it
};

// A workload the allow-list let run: no finding while its entry was valid.
struct AllowedWorkload {
    QString environment;
    QString fingerprint;
    QStringList names;
    FindingKind kind = FindingKind::NoProvenance; // the finding it would have been
    QString reason;
    QString who;
    std::optional<Millis> validUntil;
    std::vector<ExposureWindow> windows;
};

struct CheckReport {
    std::vector<Finding> findings;
    std::vector<AllowedWorkload> allowed;
    std::map<FindingKind, int> byKind;
    int open = 0; // stillOpen() (open or escalated) and not suppressed by VEX
    int suppressed = 0; // vulnerable-package findings a VEX statement suppresses (and no review has decided)
    QStringList environments;
    QStringList policies; // "name vN" of every policy evaluated
    std::optional<Millis> from;
    std::optional<Millis> to;
};

// Which workload a finding is about, as the engine keys workloads (workloadKey in domain/model.h).
QString workloadKey(const Finding& finding);

} // namespace tideline
