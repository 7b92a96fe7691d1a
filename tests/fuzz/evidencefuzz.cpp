// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidencefuzz.h"

#include "evidence/signing.h"
#include "fuzzutil.h"

#include <cstdio>
#include <cstdlib>

namespace fuzz {

namespace {

bool isHex64(const QString& s)
{
    if (s.size() != 64)
        return false;
    for (const QChar c : s)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}

[[noreturn]] void fail(const char* what, const QString& detail)
{
    std::fprintf(stderr, "fuzz: %s: '%s'\n", what, qPrintable(detail));
    std::abort();
}

void checkRange(const std::optional<tideline::Millis>& t, const char* what)
{
    if (t && (*t < tideline::timefmt::kMin || *t > tideline::timefmt::kMax))
        fail(what, QString::number(*t));
}

} // namespace

void checkItem(const tideline::EvidenceItem& item, const QString& /*file*/)
{
    using namespace tideline;
    const EvidenceRecord& r = item.record;
    std::size_t h = touch(r.kind) + touch(r.format) + touch(r.name) + touch(r.type) + touch(r.predicateType) + touch(r.flow)
        + touch(r.trail) + touch(r.kosliId) + touch(r.overrides) + touch(r.summary) + touch(item.subjectVia);
    if (r.kind.isEmpty() || r.format.isEmpty())
        fail("evidence without a kind or format", r.kind + QLatin1Char('/') + r.format);
    checkRange(r.createdAt, "evidence time out of range");
    for (const Subject& s : item.subjects) {
        h += touch(s.name);
        if (!s.sha256.isEmpty() && !isHex64(s.sha256))
            fail("subject sha256 not 64 lowercase hex", s.sha256);
    }
    for (const Binding& b : item.bindings) {
        h += touch(b.name) + touch(b.via) + touch(b.subject);
        if (!isHex64(b.fingerprint))
            fail("binding fingerprint not 64 lowercase hex", b.fingerprint);
    }
    if (item.signedContent) {
        const VerificationOutcome v = verifySigned(*item.signedContent, KeyRing());
        h += touch(v.detail) + touch(verificationName(v.verdict));
        if (v.verdict == Verification::Verified && item.signedContent->certificate.isEmpty())
            fail("verified with no key and no certificate", v.detail);
    }
    if (h == 1)
        std::fprintf(stderr, " ");
}

void checkFile(const tideline::EvidenceFile& f, const QString& file)
{
    using namespace tideline;
    std::size_t h = touch(f.format);
    for (const EvidenceItem& i : f.items)
        checkItem(i, file);
    for (const ParsedKey& k : f.keys)
        h += touch(k.name);
    // Contents: packages, advisories and VEX statements, every field read; an advisory has an id, a statement a
    // vulnerability.
    for (const EvidenceItem& i : f.items)
        for (const Package& p : i.packages) {
            h += touch(p.name) + touch(p.version) + touch(p.purl) + touch(p.cpe) + touch(p.licences.join(QLatin1Char(' '))) + touch(p.hashes.join(QLatin1Char(' ')));
            if (p.name.isEmpty() || p.depth < 0)
                fail("package without a name or with a negative depth", p.name);
        }
    for (const Advisory& a : f.advisories) {
        h += touch(a.id) + touch(a.summary) + touch(a.aliases.join(QLatin1Char(' ')));
        if (a.id.isEmpty())
            fail("advisory without an id", a.summary);
        checkRange(a.modified, "advisory time out of range");
        for (const AdvisorySeverity& s : a.severities)
            if (s.score && (*s.score < 0 || *s.score > 10))
                fail("CVSS score out of 0..10", s.vector);
        for (const AffectedPackage& p : a.affected)
            h += touch(p.ecosystem) + touch(p.name) + touch(p.purl) + touch(p.versions.join(QLatin1Char(' '))) + p.ranges.size();
    }
    for (const VexStatement& v : f.vex) {
        h += touch(v.vulnerability) + touch(v.products.join(QLatin1Char(' '))) + touch(v.justification) + touch(v.statement);
        if (v.vulnerability.isEmpty())
            fail("VEX statement without a vulnerability", v.statement);
    }
    if (f.trail) {
        const TrailRecord& t = f.trail->trail;
        h += touch(t.flow) + touch(t.name) + touch(t.complianceState) + touch(t.gitCommit) + touch(t.detail);
        checkRange(t.createdAt, "trail time out of range");
        checkRange(t.modifiedAt, "trail time out of range");
    }
    for (const ProvenanceRecord& p : f.provenance) {
        h += touch(p.flow) + touch(p.trail) + touch(p.templateName) + touch(p.artifactName) + touch(p.status);
        if (!isHex64(p.fingerprint))
            fail("provenance fingerprint not 64 lowercase hex", p.fingerprint);
        checkRange(p.createdAt, "provenance time out of range");
    }
    const std::optional<FlowTemplate>& t = f.flowTemplate ? f.flowTemplate : (f.trail ? f.trail->flowTemplate : std::nullopt);
    if (t)
        for (const TemplateRequirement& q : t->requirements)
            h += touch(q.artifact) + touch(q.name) + touch(q.type);
    for (const Problem& w : f.warnings)
        checkProblem(w, file);
    if (h == 1)
        std::fprintf(stderr, " ");
}

void check(const tideline::Result<tideline::EvidenceItem>& r, const QString& file)
{
    if (r)
        checkItem(*r, file);
    else
        checkProblem(r.problem(), file);
}

void check(const tideline::Result<tideline::EvidenceFile>& r, const QString& file)
{
    if (r)
        checkFile(*r, file);
    else
        checkProblem(r.problem(), file);
}

void check(const std::optional<tideline::Result<tideline::EvidenceFile>>& r, const QString& file)
{
    if (r)
        check(*r, file);
}

} // namespace fuzz
