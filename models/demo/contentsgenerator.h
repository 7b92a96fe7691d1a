// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The generator's SBOMs, OSV records and VEX statement (GeneratorOptions::sbomPackages and after).

#include "demo/generator.h"

#include <functional>
#include <string>
#include <vector>

namespace tideline {

struct ContentsArtifact {
    std::string fingerprint;
    std::string deploy;
    int version = 1;
    std::string image;
};

// Writes sbom/<deploy>-<version>.cdx.json for each artifact, osv/<ecosystem>.json and vex/*.openvex.json through
// write(relative path, text). Deterministic: the same options and artifacts give the same bytes.
Status writeContents(const GeneratorOptions& o, const std::vector<ContentsArtifact>& artifacts,
    const std::function<Status(const QString&, const std::string&)>& write);

} // namespace tideline
