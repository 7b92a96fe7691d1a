// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `tideline verify`: one file checked against keys given on the command line, with no case.

#include "domain/evidence.h"
#include "domain/result.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tideline {

struct VerifyReport {
    QString file;
    QString format;
    QString kind;
    QString predicateType;
    std::vector<Subject> subjects;
    VerificationOutcome outcome; // the verdict over every part: verified only when each part is
    std::vector<EvidenceRecord> parts; // each envelope of the file with its own outcome
    QString artifact; // --artifact: its path and sha256, and whether the evidence is about it
    QString artifactSha256;
    std::optional<bool> artifactMatches;
    QStringList keys; // the names the keys were given (their file names)
    std::vector<Problem> warnings;
};

// A Problem when the file or a key cannot be read (or the file holds no evidence): exit code 2.
// trustedRootPaths: Sigstore trusted roots a keyless bundle is verified against.
Result<VerifyReport> verifyFile(const QString& path, const QStringList& keyPaths, const QString& artifactPath = QString(),
    const QStringList& trustedRootPaths = {});

} // namespace tideline
