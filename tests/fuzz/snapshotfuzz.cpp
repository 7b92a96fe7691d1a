// SPDX-License-Identifier: GPL-3.0-or-later
#include "snapshotfuzz.h"

#include "domain/digest.h"
#include "fuzzutil.h"
#include "domain/json.h"
#include "timeline/snapshotrecorder.h"

#include <cstdio>
#include <cstdlib>

namespace fuzz {

namespace {

bool isFingerprint(const std::string& s)
{
    return s.empty() || tideline::digest::isSha256Hex(s);
}

[[noreturn]] void fail(const char* what, const std::string& detail)
{
    std::fprintf(stderr, "fuzz: %s: '%s'\n", what, detail.c_str());
    std::abort();
}

bool inRange(tideline::Millis t) { return t >= tideline::timefmt::kMin && t <= tideline::timefmt::kMax; }

} // namespace

int snapshot(tideline::SnapshotFormat format, const std::uint8_t* data, std::size_t size)
{
    using namespace tideline;
    static JsonDocument doc;
    const QString file = QStringLiteral("input.json");
    const QByteArray input = bytes(data, size);
    if (Status s = doc.parse(input, file); !s) {
        checkProblem(s.problem(), file);
        return 0;
    }
    const SnapshotFormat detected = detectSnapshotFormat(doc.root());
    touch(formatName(detected));
    Result<ParsedSnapshot> r = readSnapshot(format, doc.root(), file);
    if (!r) {
        checkProblem(r.problem(), file);
        return 0;
    }
    std::size_t h = touch(r->format) + touch(r->type) + touch(r->environment) + touch(r->typeCandidates.join(QLatin1Char(',')));
    if (r->takenAt && !inRange(*r->takenAt))
        fail("snapshot time out of range", std::to_string(*r->takenAt));
    for (const Observation& o : r->observations) {
        if (!isFingerprint(o.fingerprint))
            fail("not a fingerprint", o.fingerprint);
        if (o.created != 0 && !inRange(o.created))
            fail("creation time out of range", std::to_string(o.created));
        h += touch(o.name) + touch(o.instance);
    }
    for (const ServerArtifact& a : r->serverArtifacts) {
        if (!isFingerprint(a.fingerprint))
            fail("not a fingerprint (server artifact)", a.fingerprint);
        h += touch(a.name) + touch(a.annotation) + touch(a.flowsJson) + touch(a.policyDecisionsJson);
    }
    for (const Problem& w : r->warnings)
        checkProblem(w, file);
    h += touch(r->appliedPoliciesJson);
    // What the recorder compares: every workload has an instance, and no more instances than observations
    // (the same named instance listed twice counts once).
    const std::vector<GroupedWorkload> g = groupObservations(r->observations);
    std::size_t instances = 0;
    for (const GroupedWorkload& w : g) {
        if (w.instances < 1)
            fail("a workload without instances", w.key);
        instances += static_cast<std::size_t>(w.instances);
        h += touch(w.detail);
    }
    if (instances > r->observations.size())
        fail("grouping made up instances", std::to_string(instances) + " of " + std::to_string(r->observations.size()));
    return h == 1 ? 1 : 0; // never 1 in practice; keeps h alive
}

} // namespace fuzz
