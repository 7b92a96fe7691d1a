// SPDX-License-Identifier: GPL-3.0-or-later
#include "vulnerabilities.h"

#include "compliance/evaluation.h"
#include "domain/cvss.h"
#include "domain/digest.h"
#include "domain/purl.h"
#include "domain/versions.h"
#include "store/casefile.h"
#include "store/contentsstore.h"

#include <set>

namespace tideline {

// One advisory's verdict on one stored package, before VEX.
struct VulnerabilityIndex::Pending {
    const StoredAdvisory* advisory = nullptr;
    Package package;
    QString purlBase;
    QString fixed;
    QString undecided;
};

namespace {

// The digest a product reference carries: "pkg:oci/app@sha256%3A<hex>", "repo@sha256:<hex>", "sha256:<hex>".
QString digestIn(const QString& ref)
{
    const QString lower = ref.toLower();
    for (const QLatin1String marker : { QLatin1String("sha256:"), QLatin1String("sha256%3a") }) {
        const qsizetype at = lower.indexOf(marker);
        if (at >= 0)
            if (const auto d = digest::normalize(lower.mid(at + marker.size(), 64).toStdString()))
                return QString::fromStdString(*d);
    }
    return QString();
}

// A purl naming the package: same package, and the same version where the reference names one.
bool purlNames(const QString& ref, const Package& p, const QString& base)
{
    const auto r = Purl::parse(ref);
    if (!r || base.isEmpty() || r->base() != base)
        return false;
    const auto own = Purl::parse(p.purl);
    const QString version = own && !own->version.isEmpty() ? own->version : p.version;
    return r->version.isEmpty() || r->version == version;
}

bool namesComponent(const QString& ref, const Package& c)
{
    if (!c.purl.isEmpty() && !ref.isEmpty()) {
        const auto r = Purl::parse(ref), own = Purl::parse(c.purl);
        if (r && own && r->base() == own->base() && (r->version.isEmpty() || r->version == own->version))
            return true;
    }
    const QString nv = c.version.isEmpty() ? c.name : c.name + QLatin1Char('@') + c.version;
    return ref.compare(nv, Qt::CaseInsensitive) == 0 || (c.version.isEmpty() ? false : ref.compare(c.name, Qt::CaseInsensitive) == 0);
}

bool sameVulnerability(const VexStatement& s, const Advisory& a)
{
    QStringList ids = a.aliases;
    ids << a.id;
    QStringList theirs = s.aliases;
    theirs << s.vulnerability;
    for (const QString& x : theirs)
        for (const QString& y : ids)
            if (x.compare(y, Qt::CaseInsensitive) == 0)
                return true;
    return false;
}

// Whether a statement speaks of this package in this artifact: a product that names the package itself, or that
// names the artifact (its digest, or the component one of its SBOMs describes) with, where it lists any, a
// subcomponent naming the package.
bool applies(const VexStatement& s, const QString& fingerprint, const std::vector<SbomRecord>& sboms, const Package& p, const QString& base)
{
    for (const QString& product : s.products) {
        if (purlNames(product, p, base))
            return true;
        bool artifact = digestIn(product) == fingerprint;
        for (const SbomRecord& r : sboms)
            artifact = artifact || (r.described && namesComponent(product, *r.described));
        if (!artifact)
            continue;
        if (s.subcomponents.isEmpty())
            return true;
        for (const QString& sub : s.subcomponents)
            if (purlNames(sub, p, base))
                return true;
    }
    return false;
}

} // namespace

VulnerabilityIndex::VulnerabilityIndex(CaseFile& kase)
    : m_case(kase)
{
}

VulnerabilityIndex::~VulnerabilityIndex() = default;

Result<std::unique_ptr<VulnerabilityIndex>> VulnerabilityIndex::load(CaseFile& kase)
{
    std::unique_ptr<VulnerabilityIndex> index(new VulnerabilityIndex(kase));
    ContentsStore store(kase.db());
    Result<std::vector<StoredAdvisory>> read = store.advisories();
    if (!read)
        return read.problem();
    auto advisories = std::make_shared<std::vector<StoredAdvisory>>(std::move(read).value());
    if (advisories->empty())
        return index;
    // Advisories by the purl base of each package they name (withdrawn ones raise nothing).
    std::map<QString, std::vector<std::pair<const StoredAdvisory*, const AffectedPackage*>>> byBase;
    for (const StoredAdvisory& a : *advisories) {
        if (a.advisory.withdrawn)
            continue;
        for (const AffectedPackage& p : a.advisory.affected) {
            QString base;
            if (const auto purl = Purl::parse(p.purl))
                base = purl->base();
            if (base.isEmpty()) {
                const QString type = versions::purlTypeForEcosystem(p.ecosystem);
                if (!type.isEmpty())
                    base = packageBase(type, p.name);
            }
            if (!base.isEmpty())
                byBase[base].emplace_back(&a, &p);
        }
    }
    Result<std::vector<StoredPackage>> named = store.packagesNamedByAdvisories();
    if (!named)
        return named.problem();
    for (const StoredPackage& sp : *named) {
        const auto it = byBase.find(sp.purlBase);
        if (it == byBase.end())
            continue;
        const auto purl = Purl::parse(sp.package.purl);
        const QString version = purl && !purl->version.isEmpty() ? purl->version : sp.package.version;
        const std::optional<versions::Scheme> scheme = purl ? versions::schemeForPurlType(purl->type) : std::nullopt;
        std::map<const StoredAdvisory*, std::shared_ptr<Pending>> hits;
        for (const auto& [a, affected] : it->second) {
            const versions::AffectedVerdict v = versions::affects(*affected, scheme, version);
            if (v.affected == std::optional<bool>(false))
                continue;
            auto& hit = hits[a];
            if (!hit) {
                hit = std::make_shared<Pending>();
                hit->advisory = a;
                hit->package = sp.package;
                hit->purlBase = sp.purlBase;
            }
            if (v.affected) {
                hit->undecided.clear();
                if (hit->fixed.isEmpty())
                    hit->fixed = v.fixed;
            } else if (hit->fixed.isEmpty() && hit->undecided.isEmpty()) {
                hit->undecided = v.why;
            }
        }
        if (hits.empty())
            continue;
        Result<std::vector<ContentsStore::Containment>> holding = store.containing(sp.id);
        if (!holding)
            return holding.problem();
        for (const ContentsStore::Containment& c : *holding)
            for (const auto& [a, hit] : hits) {
                auto& list = index->m_byFingerprint[c.fingerprint];
                bool dup = false;
                for (const auto& h : list)
                    dup = dup || (h->advisory == a && h->package.purl == hit->package.purl && h->package.name == hit->package.name && h->package.version == hit->package.version);
                if (!dup)
                    list.push_back(hit);
            }
    }
    Result<std::vector<VexStatement>> vex = store.vexStatements();
    if (!vex)
        return vex.problem();
    index->m_vex = std::move(vex).value();
    // The pending entries point into the advisories: keep them alive with the index.
    index->m_keepAlive = advisories;
    return index;
}

Result<const std::vector<VulnerabilityDetail>*> VulnerabilityIndex::matchesFor(const QString& fingerprint)
{
    static const std::vector<VulnerabilityDetail> none;
    if (auto r = m_resolved.find(fingerprint); r != m_resolved.end())
        return &r->second;
    const auto it = m_byFingerprint.find(fingerprint);
    if (it == m_byFingerprint.end())
        return &none;
    std::vector<SbomRecord> sboms;
    if (!m_vex.empty()) {
        Result<std::vector<SbomRecord>> read = ContentsStore(m_case.db()).sbomsFor(fingerprint);
        if (!read)
            return read.problem();
        sboms = std::move(read).value();
    }
    // One detail per advisory, over every package of the artifact it names.
    std::map<QString, VulnerabilityDetail> byAdvisory;
    std::map<QString, bool> allSuppressed;
    for (const auto& pending : it->second) {
        const StoredAdvisory& sa = *pending->advisory;
        const Advisory& a = sa.advisory;
        VulnerabilityDetail& d = byAdvisory[a.id];
        const bool first = d.advisory.isEmpty();
        if (first) {
            d.advisory = a.id;
            d.aliases = a.aliases;
            d.summary = a.summary;
            d.advisorySource = sa.sourceName;
            d.advisorySha256 = sa.sourceSha256;
            if (const auto s = a.strongest()) {
                d.rating = s->rating;
                d.score = s->score;
                d.vector = s->vector;
            } else if (!a.severities.empty()) {
                d.vector = a.severities.front().vector;
            }
            allSuppressed[a.id] = true;
        }
        const Package& p = pending->package;
        const QString label = p.version.isEmpty() ? p.name : p.name + QLatin1Char('@') + p.version;
        if (!d.packages.contains(label))
            d.packages << label;
        if (!p.purl.isEmpty() && !d.purls.contains(p.purl))
            d.purls << p.purl;
        if (d.fixed.isEmpty())
            d.fixed = pending->fixed;
        if (!pending->undecided.isEmpty() && (first || !d.undecided.isEmpty()))
            d.undecided = pending->undecided;
        else if (pending->undecided.isEmpty())
            d.undecided.clear();
        // The latest statement that speaks of this package here.
        const VexStatement* best = nullptr;
        for (const VexStatement& s : m_vex)
            if (sameVulnerability(s, a) && applies(s, fingerprint, sboms, p, pending->purlBase))
                if (!best || s.timestamp.value_or(0) >= best->timestamp.value_or(0))
                    best = &s;
        if (!best || !best->suppresses())
            allSuppressed[a.id] = false;
        if (best && (d.vexStatus.isEmpty() || !best->suppresses())) {
            d.vexStatus = vexStatusName(best->status);
            d.vexJustification = best->justification;
            d.vexStatement = best->statement;
            d.vexAuthor = best->author;
            d.vexSource = best->sourceName;
            d.vexSha256 = best->sourceSha256;
        }
    }
    std::vector<VulnerabilityDetail> out;
    for (auto& [id, d] : byAdvisory) {
        d.suppressed = allSuppressed[id];
        out.push_back(std::move(d));
    }
    return &m_resolved.emplace(fingerprint, std::move(out)).first->second;
}

bool violatesGate(const Policy::VulnerabilityGate& gate, const VulnerabilityDetail& v, const ArtifactFacts& facts, QString& why)
{
    if (const auto rank = cvss::ratingRank(v.rating); rank && *rank < gate.minRank) {
        why = QStringLiteral("%1 is below the bar (%2)").arg(v.rating, gate.minSeverity);
        return false;
    }
    std::vector<const FlowFact*> contexts { nullptr };
    for (const FlowFact& f : facts.flows)
        contexts.push_back(&f);
    for (const Expression& e : gate.exceptions)
        for (const FlowFact* f : contexts) {
            ExpressionContext c;
            c.artifactName = facts.name;
            c.artifactFingerprint = facts.fingerprint;
            if (f) {
                c.flowName = f->flowName;
                c.flowTags = f->tags;
            }
            Result<bool> r = e.evaluate(c);
            if (r && *r) {
                why = QStringLiteral("exception: ") + e.text();
                return false;
            }
        }
    return true;
}

} // namespace tideline
