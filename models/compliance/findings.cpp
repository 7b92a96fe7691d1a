// SPDX-License-Identifier: GPL-3.0-or-later
#include "findings.h"

#include "compliance/expression.h"
#include "compliance/facts.h"
#include "compliance/vulnerabilities.h"
#include "domain/json.h"
#include "store/casefile.h"
#include "store/compliancestore.h"
#include "store/sourcestore.h"
#include "store/timelinestore.h"
#include "timeline/timeline.h"

#include <QCryptographicHash>
#include <QRegularExpression>

#include <algorithm>
#include <map>
#include <set>

namespace tideline {

QString findingId(const QString& environment, const QString& workloadKey, FindingKind kind)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData((environment + QLatin1Char('\n') + workloadKey + QLatin1Char('\n') + findingKindName(kind)).toUtf8());
    return QStringLiteral("F-") + QString::fromLatin1(h.result().toHex().left(8));
}

namespace {

// The policies in force for one run of snapshots.
struct PolicySet {
    std::vector<const Policy*> policies;
    bool baseline = false; // none applies: provenance is still required
};

// The baseline when no policy applies: a workload from nowhere is always a finding.
const Policy& baselinePolicy()
{
    static const Policy p = [] {
        Policy b;
        b.name = QStringLiteral("baseline");
        b.provenance.required = true;
        return b;
    }();
    return p;
}

struct Candidate {
    QString environment;
    QString key; // workloadKey(): the fingerprint, or "?" + name
    QString fingerprint;
    std::optional<FindingKind> kind; // set once the candidate is first made
    QStringList names;
    std::set<QString> details;
    std::set<QString> rules;
    std::set<QString> attestations;
    std::set<QString> evidence;
    QStringList provenance; // in the order found, each once
    void addProvenance(const QString& line)
    {
        if (!provenance.contains(line))
            provenance << line;
    }
    std::vector<ExposureWindow> windows;
    std::optional<VulnerabilityDetail> vulnerability;
    bool policyBacked = false; // raised under a policy of the case, not only the baseline
};

void addWindow(std::vector<ExposureWindow>& ws, const ExposureWindow& w)
{
    if (w.to < w.from)
        return;
    if (!ws.empty() && ws.back().to >= w.from && w.from >= ws.back().from) {
        ws.back().to = std::max(ws.back().to, w.to);
        ws.back().lastSnapshot = std::max(ws.back().lastSnapshot, w.lastSnapshot);
        return;
    }
    ws.push_back(w);
}

std::vector<ExposureWindow> clip(const std::vector<ExposureWindow>& ws, std::optional<Millis> from, std::optional<Millis> to)
{
    std::vector<ExposureWindow> out;
    for (ExposureWindow w : ws) {
        if (from)
            w.from = std::max(w.from, *from);
        if (to)
            w.to = std::min(w.to, *to);
        if (w.to > w.from || (w.to == w.from && (!from || w.from >= *from) && (!to || w.to <= *to)))
            out.push_back(w);
    }
    return out;
}

// Windows minus [a, b): what the allow-list does not cover.
std::vector<ExposureWindow> subtract(const std::vector<ExposureWindow>& ws, Millis a, Millis b, std::vector<ExposureWindow>& removed)
{
    std::vector<ExposureWindow> out;
    for (const ExposureWindow& w : ws) {
        if (w.to <= a || w.from >= b) {
            out.push_back(w);
            continue;
        }
        ExposureWindow cut = w;
        cut.from = std::max(w.from, a);
        cut.to = std::min(w.to, b);
        removed.push_back(cut);
        if (w.from < a) {
            ExposureWindow left = w;
            left.to = a;
            out.push_back(left);
        }
        if (w.to > b) {
            ExposureWindow right = w;
            right.from = b;
            out.push_back(right);
        }
    }
    return out;
}

class Checker {
public:
    Checker(CaseFile& kase, const CheckOptions& options)
        : m_case(kase)
        , m_options(options)
        , m_timeline(kase)
        , m_store(kase.db())
        , m_sources(kase.db())
        , m_compliance(kase.db())
        , m_facts(caseFacts(kase))
    {
    }

    Result<CheckReport> run()
    {
        CheckReport report;
        report.from = m_options.from;
        report.to = m_options.to;
        if (Status s = loadCasePolicies(); !s)
            return s.problem();
        Result<std::vector<EnvRow>> all = m_store.environments();
        if (!all)
            return all.problem();
        std::vector<EnvRow> envs;
        for (const EnvRow& e : *all)
            if (m_options.environment.isEmpty() || e.name == m_options.environment)
                envs.push_back(e);
        if (!m_options.environment.isEmpty() && envs.empty())
            return Problem(QStringLiteral("no environment named '%1' in this case").arg(m_options.environment));
        Result<std::unique_ptr<VulnerabilityIndex>> vulns = VulnerabilityIndex::load(m_case);
        if (!vulns)
            return vulns.problem();
        m_vulns = std::move(vulns).value();
        for (const EnvRow& e : envs) {
            report.environments << e.name;
            if (Status s = checkEnvironment(e); !s)
                return s.problem();
        }
        for (const auto& [name, p] : m_usedPolicies)
            report.policies << name;
        if (Status s = assemble(report); !s)
            return s.problem();
        return report;
    }

private:
    Status loadCasePolicies()
    {
        if (m_options.policies) {
            for (const Policy& p : *m_options.policies)
                m_explicit.push_back(&p);
            return {};
        }
        Result<std::vector<PolicyVersion>> versions = m_compliance.policies();
        if (!versions)
            return versions.problem();
        for (const PolicyVersion& v : *versions) {
            Result<QByteArray> bytes = m_sources.load(v.sourceId);
            if (!bytes)
                return bytes.problem();
            Result<Policy> p = parsePolicy(*bytes, v.name, v.name);
            if (!p)
                return p.problem();
            p->version = v.version;
            m_casePolicies.push_back({ v, std::make_unique<Policy>(std::move(p).value()) });
        }
        return {};
    }

    // Case policies in force at t: for each name, the latest version effective at or before t.
    std::vector<const Policy*> casePoliciesAt(Millis t) const
    {
        std::map<QString, const Policy*> inForce;
        for (const auto& [v, p] : m_casePolicies)
            if (v.effectiveFrom <= t)
                inForce[v.name] = p.get();
        std::vector<const Policy*> out;
        for (const auto& [name, p] : inForce)
            out.push_back(p);
        return out;
    }

    const std::vector<const Policy*>& serverPolicies(const QString& appliedJson, const QString& env)
    {
        auto it = m_serverPolicies.find(appliedJson);
        if (it != m_serverPolicies.end())
            return it->second.second;
        auto& entry = m_serverPolicies[appliedJson];
        JsonDocument doc;
        if (doc.parse(appliedJson.toUtf8(), env))
            for (const JsonValue ap : doc.root().elements()) {
                Result<Policy> p = parsePolicyDump(ap["policy_dump"], ap["name"].qstring(), int(ap["version"].integer().value_or(1)), env);
                if (!p)
                    continue; // a policy the server wrote that we cannot read: its decisions stand in the source
                entry.first.push_back(std::make_unique<Policy>(std::move(p).value()));
                entry.second.push_back(entry.first.back().get());
            }
        return entry.second;
    }

    PolicySet policiesFor(const SnapshotRow& s, const QString& env)
    {
        PolicySet set;
        if (!m_explicit.empty()) {
            set.policies = m_explicit;
        } else {
            set.policies = casePoliciesAt(s.takenAt);
            if (!s.appliedPolicies.isEmpty())
                for (const Policy* p : serverPolicies(s.appliedPolicies, env))
                    set.policies.push_back(p);
        }
        if (set.policies.empty()) {
            set.policies.push_back(&baselinePolicy());
            set.baseline = true;
        }
        for (const Policy* p : set.policies)
            m_usedPolicies[p->name + QStringLiteral(" v") + QString::number(p->version)] = p;
        return set;
    }

    static QString setKey(const PolicySet& s)
    {
        QString k;
        for (const Policy* p : s.policies)
            k += QString::number(reinterpret_cast<quintptr>(p), 16) + QLatin1Char(',');
        return k;
    }

    Candidate& candidate(const QString& env, const QString& key, const QString& fp, FindingKind kind, const QStringList& names)
    {
        Candidate& c = m_candidates[{ env, key, kind }];
        if (!c.kind) {
            c.environment = env;
            c.key = key;
            c.fingerprint = fp;
            c.kind = kind;
        }
        for (const QString& n : names)
            if (!c.names.contains(n))
                c.names << n;
        return c;
    }

    Status checkEnvironment(const EnvRow& env)
    {
        Result<std::vector<SnapshotRow>> read = m_store.snapshots(env.id);
        if (!read)
            return read.problem();
        const std::vector<SnapshotRow>& snaps = *read;
        if (snaps.empty())
            return {};
        auto index = [&](int seq) { return snaps[size_t(seq - 1)].kosliIndex ? *snaps[size_t(seq - 1)].kosliIndex : qint64(seq); };

        // Runs of snapshots with one set of policies in force.
        std::vector<PolicySet> sets;
        std::vector<int> segmentOf(snaps.size() + 1, 0);
        QString lastKey;
        for (const SnapshotRow& s : snaps) {
            PolicySet set = policiesFor(s, env.name);
            const QString key = setKey(set);
            if (sets.empty() || key != lastKey) {
                sets.push_back(set);
                lastKey = key;
            }
            segmentOf[size_t(s.seq)] = int(sets.size()) - 1;
        }

        Result<std::vector<RunInterval>> intervals = m_timeline.intervals(env.name);
        if (!intervals)
            return intervals.problem();
        for (const RunInterval& iv : *intervals) {
            const QString key = workloadKey(iv);
            // Split the interval where the policies in force change.
            int start = iv.firstSeq;
            while (start <= iv.lastSeq) {
                int end = start;
                while (end < iv.lastSeq && segmentOf[size_t(end + 1)] == segmentOf[size_t(start)])
                    ++end;
                ExposureWindow w;
                w.from = snaps[size_t(start - 1)].takenAt;
                w.to = end == iv.lastSeq ? iv.to : snaps[size_t(end)].takenAt;
                w.firstSnapshot = index(start);
                w.lastSnapshot = index(end);
                if (Status s = evaluate(env.name, key, iv, w, sets[size_t(segmentOf[size_t(start)])]); !s)
                    return s;
                if (Status s = vulnerabilities(env.name, key, iv, w, sets[size_t(segmentOf[size_t(start)])]); !s)
                    return s;
                start = end + 1;
            }
        }
        blindSpots(env.name, snaps);
        return {};
    }

    Status evaluate(const QString& env, const QString& key, const RunInterval& iv, const ExposureWindow& w, const PolicySet& set)
    {
        const QStringList names { iv.name };
        if (iv.fingerprint.isEmpty()) {
            Candidate& c = candidate(env, key, QString(), FindingKind::UnknownFingerprint, names);
            c.policyBacked = c.policyBacked || !set.baseline;
            c.details.insert(QStringLiteral("%1 ran without a registry digest: it cannot be matched to any evidence").arg(iv.name));
            c.rules.insert(QStringLiteral("every workload must be identifiable by its sha256 fingerprint"));
            addWindow(c.windows, w);
            return {};
        }
        Result<const ArtifactFacts*> known = factsOf(iv);
        if (!known)
            return known.problem();
        const ArtifactFacts& facts = **known;
        const QStringList provenance = provenanceLines(facts);
        for (const Policy* p : set.policies) {
            const PolicyDecision d = evaluatePolicy(*p, facts);
            const QString policyName = set.baseline ? QStringLiteral("no policy applies: provenance is required")
                                                    : QStringLiteral("%1 v%2").arg(p->name).arg(p->version);
            for (const RuleEvaluation& r : d.rules) {
                for (const RuleResolution& res : r.resolutions) {
                    // Only verified evidence satisfies a policy: any other verdict of signed evidence it rests on is a
                    // finding of its own (unsigned evidence, such as JUnit, makes no such promise).
                    for (const PolicyAttestation& a : res.relied)
                        if (a.verification && *a.verification != Verification::Verified && *a.verification != Verification::Unsigned) {
                            const QString verdict = verificationName(*a.verification);
                            Candidate& c = candidate(env, key, iv.fingerprint, FindingKind::UnverifiedEvidence, names);
                            c.policyBacked = c.policyBacked || !set.baseline;
                            c.attestations.insert(QStringLiteral("%1 (%2)").arg(a.name, verdict));
                            if (!a.evidenceId.isEmpty())
                                c.evidence.insert(a.evidenceId);
                            c.rules.insert(QStringLiteral("%1: attestation %2").arg(policyName, r.attestationName));
                            c.details.insert(QStringLiteral("evidence '%1' the policy relies on does not verify (%2)").arg(a.name, verdict));
                            for (const QString& s : provenance)
                                c.addProvenance(s);
                            addWindow(c.windows, w);
                        }
                    if (res.type == QLatin1String("rule_satisfied") || res.type == QLatin1String("rule_not_applicable"))
                        continue;
                    FindingKind kind = FindingKind::NonCompliantAttestation;
                    if (res.type == QLatin1String("no_provenance") || res.type == QLatin1String("unsigned_provenance"))
                        kind = FindingKind::NoProvenance;
                    else if (res.type == QLatin1String("missing_attestation"))
                        kind = facts.hasProvenance() ? FindingKind::MissingAttestation : FindingKind::NoProvenance;
                    else if (res.type == QLatin1String("non_compliant_in_trail"))
                        kind = trailKind(facts, res);
                    else if (res.type == QLatin1String("signer_mismatch"))
                        kind = FindingKind::UnverifiedEvidence;
                    Candidate& c = candidate(env, key, iv.fingerprint, kind, names);
                    c.policyBacked = c.policyBacked || !set.baseline;
                    c.rules.insert(QStringLiteral("%1: %2").arg(policyName, ruleText(r)));
                    c.details.insert(res.flow.isEmpty() ? res.detail : QStringLiteral("%1 (flow %2, trail %3)").arg(res.detail, res.flow, res.trail.left(12)));
                    if (res.type == QLatin1String("unsigned_provenance"))
                        for (const SignedProvenance& sp : facts.signedProvenance) {
                            c.attestations.insert(QStringLiteral("%1 (%2)").arg(sp.name, verificationName(sp.verification)));
                            c.evidence.insert(sp.evidenceId);
                        }
                    if (res.type == QLatin1String("signer_mismatch"))
                        for (const PolicyAttestation& a : res.relied)
                            c.attestations.insert(QStringLiteral("%1 (%2)").arg(a.name,
                                a.verification == Verification::Verified ? QStringLiteral("another signer") : QStringLiteral("not signed as required")));
                    else if (r.ruleType == QLatin1String("attestation") && kind != FindingKind::NoProvenance)
                        c.attestations.insert(r.attestationName == QLatin1String("*") ? r.attestationType : r.attestationName);
                    if (res.type == QLatin1String("non_compliant_in_trail"))
                        for (const FlowFact& f : facts.flows)
                            if (f.flowName == res.flow)
                                for (const QString& a : kind == FindingKind::MissingAttestation ? f.missingAttestations : f.nonCompliantAttestations)
                                    c.attestations.insert(a);
                    for (const PolicyAttestation& a : res.relied)
                        if (!a.evidenceId.isEmpty())
                            c.evidence.insert(a.evidenceId);
                    if (kind == FindingKind::NoProvenance && provenance.isEmpty())
                        c.addProvenance(QStringLiteral("none: the fingerprint is in no imported trail, artifact record or Kosli snapshot flow, "
                                                           "and no signed provenance of it verifies"));
                    else
                        for (const QString& s : provenance)
                            c.addProvenance(s);
                    addWindow(c.windows, w);
                }
            }
        }
        return {};
    }

    // What the provenance rests on, one line each: the unsigned records that put the artifact in a flow, the signed
    // provenance of it with its verdict, and, when no signed provenance verifies, a line that says so.
    static QStringList provenanceLines(const ArtifactFacts& facts)
    {
        QStringList lines;
        for (const FlowFact& f : facts.flows)
            if (!lines.contains(f.source))
                lines << f.source;
        for (const SignedProvenance& p : facts.signedProvenance)
            lines << (p.verification == Verification::Verified ? QStringLiteral("signed provenance '%1' verified (%2)").arg(p.name, p.proof)
                                                               : QStringLiteral("signed provenance '%1' is %2: %3").arg(p.name, verificationName(p.verification), p.proof));
        if (!facts.flows.empty() && !facts.hasVerifiedSignedProvenance())
            lines.prepend(QStringLiteral("rests only on unsigned records: no signed provenance of this artifact verifies"));
        return lines;
    }

    // What the case knows of the artifact, read once per fingerprint.
    Result<const ArtifactFacts*> factsOf(const RunInterval& iv)
    {
        auto cached = m_factCache.find(iv.fingerprint);
        if (cached == m_factCache.end()) {
            Result<ArtifactFacts> facts = m_facts->facts(iv.fingerprint, iv.name);
            if (!facts)
                return facts.problem();
            cached = m_factCache.emplace(iv.fingerprint, std::move(facts).value()).first;
        }
        return &cached->second;
    }

    // One finding per advisory that affects a package the workload's SBOMs list, unless every policy in force that
    // sets no-known-vulnerabilities lets it pass (below its bar, or an exception). With no such policy, every
    // advisory is reported.
    Status vulnerabilities(const QString& env, const QString& key, const RunInterval& iv, const ExposureWindow& w, const PolicySet& set)
    {
        if (!m_vulns || m_vulns->empty() || iv.fingerprint.isEmpty())
            return {};
        Result<const std::vector<VulnerabilityDetail>*> found = m_vulns->matchesFor(iv.fingerprint);
        if (!found)
            return found.problem();
        const std::vector<VulnerabilityDetail>& matches = **found;
        if (matches.empty())
            return {};
        std::vector<const Policy*> gates;
        for (const Policy* p : set.policies)
            if (p->noKnownVulnerabilities.required)
                gates.push_back(p);
        for (const VulnerabilityDetail& v : matches) {
            QStringList rules;
            if (gates.empty()) {
                rules << QStringLiteral("no policy sets no-known-vulnerabilities: every advisory affecting a package is reported");
            } else {
                Result<const ArtifactFacts*> facts = factsOf(iv);
                if (!facts)
                    return facts.problem();
                for (const Policy* p : gates) {
                    QString why;
                    if (violatesGate(p->noKnownVulnerabilities, v, **facts, why))
                        rules << QStringLiteral("%1 v%2: no-known-vulnerabilities at or above %3").arg(p->name).arg(p->version).arg(p->noKnownVulnerabilities.minSeverity);
                }
                if (rules.isEmpty())
                    continue;
            }
            Candidate& c = candidate(env, key + QLatin1Char('\n') + v.advisory, iv.fingerprint, FindingKind::VulnerablePackage, { iv.name });
            // What the finding says depends only on the artifact and the advisory (and, with gates, the policies in
            // force): written once.
            const bool fresh = !c.vulnerability;
            if (fresh || !gates.empty())
                for (const QString& r : rules)
                    c.rules.insert(r);
            addWindow(c.windows, w);
            if (!fresh)
                continue;
            const QString what = v.packages.join(QStringLiteral(", "));
            c.details.insert(v.undecided.isEmpty() ? QStringLiteral("%1 contains %2, which %3 says is vulnerable%4")
                                                         .arg(iv.name, what, v.advisory, v.fixed.isEmpty() ? QString() : QStringLiteral(" (fixed in %1)").arg(v.fixed))
                                                   : QStringLiteral("%1 contains %2, named by %3; whether this version is affected cannot be told: %4")
                                                         .arg(iv.name, what, v.advisory, v.undecided));
            c.attestations.insert(v.advisory);
            c.addProvenance(QStringLiteral("SBOM packages joined to the OSV record in %1 (sha256 %2)").arg(v.advisorySource, v.advisorySha256));
            c.vulnerability = v;
        }
        return {};
    }

    static FindingKind trailKind(const ArtifactFacts& facts, const RuleResolution& res)
    {
        for (const FlowFact& f : facts.flows)
            if (f.flowName == res.flow && f.trailName == res.trail)
                return f.artifactStatus == QLatin1String("NON-COMPLIANT") ? FindingKind::NonCompliantAttestation : FindingKind::MissingAttestation;
        return FindingKind::MissingAttestation;
    }

    static QString ruleText(const RuleEvaluation& r)
    {
        if (r.ruleType == QLatin1String("attestation"))
            return QStringLiteral("attestation %1 of type %2 required").arg(r.attestationName, r.attestationType);
        return r.ruleType + QStringLiteral(" required");
    }

    void blindSpots(const QString& env, const std::vector<SnapshotRow>& snaps)
    {
        const Millis threshold = m_options.blindSpotThreshold;
        auto index = [](const SnapshotRow& s) { return s.kosliIndex ? *s.kosliIndex : qint64(s.seq); };
        Candidate* c = nullptr;
        auto add = [&](Millis from, Millis to, qint64 first, qint64 last) {
            if (!c) {
                c = &candidate(env, QString(), QString(), FindingKind::BlindSpot, {});
                c->rules.insert(QStringLiteral("snapshots at least every %1").arg(timefmt::formatDuration(threshold)));
            }
            c->details.insert(QStringLiteral("no snapshot confirms what ran for longer than %1: nothing can be proven then").arg(timefmt::formatDuration(threshold)));
            addWindow(c->windows, { from, to, first, last });
        };
        // Before its first snapshot an environment is not known to exist: no blind spot there. After its
        // last confirmation it did exist, unobserved.
        for (size_t k = 0; k + 1 < snaps.size(); ++k) {
            const SnapshotRow& a = snaps[k];
            const SnapshotRow& b = snaps[k + 1];
            // Consecutive server snapshots: Kosli saw everything in between.
            if (a.kosliIndex && b.kosliIndex && *b.kosliIndex == *a.kosliIndex + 1)
                continue;
            if (b.takenAt - a.confirmedUntil > threshold)
                add(a.confirmedUntil, b.takenAt, index(a), index(b));
        }
        if (m_options.to && *m_options.to - snaps.back().confirmedUntil > threshold)
            add(snaps.back().confirmedUntil, *m_options.to, index(snaps.back()), 0);
    }

    Status assemble(CheckReport& report)
    {
        Result<std::vector<AllowEntry>> allowed = m_compliance.allowList();
        if (!allowed)
            return allowed.problem();
        const std::vector<AllowEntry>& allow = *allowed;
        // Each entry's name pattern compiled once, bounded like a policy's regexes (a pattern that backtracks
        // past the bound matches nothing: the finding stays).
        std::vector<QRegularExpression> allowNames;
        for (const AllowEntry& a : allow)
            allowNames.push_back(a.namePattern.isEmpty() ? QRegularExpression() : boundedRegex(a.namePattern));
        Result<std::vector<Review>> decisions = m_compliance.reviews();
        if (!decisions)
            return decisions.problem();
        std::map<QString, std::vector<Review>> reviews;
        for (Review& r : *decisions)
            reviews[r.findingId].push_back(std::move(r));

        for (auto& [k, c] : m_candidates) {
            std::vector<ExposureWindow> windows = clip(c.windows, m_options.from, m_options.to);
            if (windows.empty())
                continue;
            if (*c.kind != FindingKind::BlindSpot)
                for (size_t i = 0; i < allow.size(); ++i) {
                    const AllowEntry& a = allow[i];
                    if (!a.environment.isEmpty() && a.environment != c.environment)
                        continue;
                    bool match = !a.fingerprint.isEmpty() && a.fingerprint == c.fingerprint;
                    if (!match && !a.namePattern.isEmpty()) {
                        const QRegularExpression& re = allowNames[i];
                        for (const QString& n : c.names)
                            match = match || (re.isValid() && re.match(n).hasMatch());
                    }
                    if (!match)
                        continue;
                    std::vector<ExposureWindow> removed;
                    windows = subtract(windows, a.validFrom.value_or(timefmt::kMin), a.validUntil.value_or(timefmt::kMax), removed);
                    if (!removed.empty())
                        report.allowed.push_back({ c.environment, c.fingerprint, c.names, *c.kind, a.reason, a.who, a.validUntil, removed });
                }
            if (windows.empty())
                continue;
            Finding f;
            f.id = findingId(c.environment, c.key, *c.kind);
            f.kind = *c.kind;
            f.environment = c.environment;
            f.fingerprint = c.fingerprint;
            f.names = c.names;
            f.detail = QStringList(c.details.begin(), c.details.end()).join(QStringLiteral("; "));
            f.rules = QStringList(c.rules.begin(), c.rules.end());
            f.attestations = QStringList(c.attestations.begin(), c.attestations.end());
            f.evidence = QStringList(c.evidence.begin(), c.evidence.end());
            f.provenance = c.provenance.join(QStringLiteral("; "));
            f.windows = windows;
            f.firstSeen = windows.front().from;
            f.lastSeen = windows.back().to;
            for (const ExposureWindow& w : windows)
                f.totalSeconds += w.duration() / 1000;
            f.vulnerability = std::move(c.vulnerability); // the candidate is not read again
            const auto reviewed = reviews.find(f.id);
            for (const Review& r : reviewed == reviews.end() ? std::vector<Review>() : reviewed->second) {
                f.history.push_back({ r.disposition, r.note, r.reviewer, r.at, r.logHash });
                f.disposition = r.disposition;
            }
            f.policyBacked = c.policyBacked;
            f.severity = findingSeverity(f.kind, f.policyBacked);
            // A vulnerable package weighs what its advisory says (CVSS rating, or the record's word); "none" is low.
            if (f.vulnerability && !f.vulnerability->rating.isEmpty())
                f.severity = severityFromName(f.vulnerability->rating).value_or(Severity::Low);
            report.byKind[f.kind] += 1;
            if (f.suppressedByVex())
                ++report.suppressed;
            else if (stillOpen(f.disposition))
                ++report.open;
            report.findings.push_back(std::move(f));
        }
        std::sort(report.findings.begin(), report.findings.end(), [](const Finding& a, const Finding& b) {
            if (a.environment != b.environment)
                return a.environment < b.environment;
            if (a.firstSeen != b.firstSeen)
                return a.firstSeen < b.firstSeen;
            return a.id < b.id;
        });
        return {};
    }

    CaseFile& m_case;
    const CheckOptions& m_options;
    Timeline m_timeline;
    TimelineStore m_store;
    SourceStore m_sources;
    ComplianceStore m_compliance;
    std::unique_ptr<FactsProvider> m_facts;
    std::vector<const Policy*> m_explicit;
    std::vector<std::pair<PolicyVersion, std::unique_ptr<Policy>>> m_casePolicies;
    std::map<QString, std::pair<std::vector<std::unique_ptr<Policy>>, std::vector<const Policy*>>> m_serverPolicies;
    std::map<QString, const Policy*> m_usedPolicies;
    std::map<QString, ArtifactFacts> m_factCache;
    std::unique_ptr<VulnerabilityIndex> m_vulns;
    std::map<std::tuple<QString, QString, FindingKind>, Candidate> m_candidates;
};

} // namespace

Result<CheckReport> checkCase(CaseFile& kase, const CheckOptions& options)
{
    Checker checker(kase, options);
    std::optional<Result<CheckReport>> out;
    kase.reading([&]() -> Status {
        out.emplace(checker.run());
        return {};
    });
    return std::move(*out);
}

} // namespace tideline
