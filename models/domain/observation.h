// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a snapshot source reports, as every reader gives it and the timeline records it: running instances, the
// workloads they group into, and what a Kosli server snapshot adds about each artifact.

#include "domain/timefmt.h"

#include <optional>
#include <string>
#include <vector>

namespace tideline {

// One running instance of one artifact, as a source reported it.
struct Observation {
    std::string name; // the digests-map key or image reference: a display label only
    std::string fingerprint; // 64 lowercase hex, or empty when unknown
    std::string instance; // pod "namespace/name", task ARN, function, container, path; may be empty
    Millis created = 0; // the platform's creation time of the instance; 0 when unknown
};

// What a Kosli server snapshot says of one artifact beyond what ran (kept for provenance and policy).
struct ServerArtifact {
    std::string fingerprint;
    std::string name;
    bool running = true; // annotation.now != 0
    std::string annotation; // started-compliant, exited, ...
    std::optional<bool> compliant;
    std::string flowsJson; // flows[] verbatim (provenance)
    std::string policyDecisionsJson; // policy_decisions[] verbatim
};

// One workload of one report: all instances of an artifact (or, when unknown, of a name).
struct GroupedWorkload {
    std::string key; // fingerprint, or "?" + name when the fingerprint is unknown
    std::string fingerprint;
    std::string name;
    int instances = 0;
    // Canonical instance list, one line per instance: "<created s[.ms]>\t<instance>[\t<name if not the workload's>]".
    // Equal details mean the same running instances.
    std::string detail;
};

// Groups observations into workloads sorted by key. Two reports hold the same running set iff their
// groupings are equal.
std::vector<GroupedWorkload> groupObservations(const std::vector<Observation>& observations);

} // namespace tideline
