// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/evidence.h"
#include "domain/result.h"
#include "domain/timefmt.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace tideline {

class CaseFile;
struct EvidenceFile;

// What the import says of a file beyond its content.
struct EvidenceContext {
    QString fileName; // as the user named it, for messages and default key names
    QString bindFingerprint; // import --for, or the manifest's artifact_fingerprint
    QString bindName; // import --name, or the manifest's name
    QString bindVia; // "for" or "manifest"
    QString keyName; // the manifest's name for a key file (or --name)
    Millis importedAt = 0;
    // Whether a key or trusted root in the file is trusted on import: it was named on its own, or import --trust.
    // origin says where it came from, how why it is trusted, actor who imports.
    bool trust = false;
    QString origin;
    QString trustHow;
    QString actor;
};

struct EvidenceOutcome {
    int evidence = 0; // pieces of evidence stored
    int bindings = 0; // bindings added
    QStringList keys; // names of keys added
    std::vector<AnchorImport> anchors; // keys and trusted roots the file brought (new or held), with their trust now
    int reverified = 0; // earlier evidence whose verdict a new key changed
    int packages = 0; // packages listed by the SBOMs stored
    int advisories = 0; // OSV records stored
    int vex = 0; // VEX statements stored
    bool nothingNew = false; // the bytes were in the case already and nothing was added
    std::vector<Problem> warnings;
};

// Stores what an evidence file holds, inside the caller's transaction (the importer's savepoint): evidence with its
// verification against the case's keys, bindings, keys, trails, templates and provenance. A new key re-verifies the
// signed evidence no key had verified yet, so the order of an import does not matter.
class EvidenceRecorder {
public:
    explicit EvidenceRecorder(CaseFile& kase);
    ~EvidenceRecorder();

    // newSource: these bytes were not in the case before (else only new bindings are recorded).
    Result<EvidenceOutcome> record(const EvidenceFile& file, qint64 sourceId, bool newSource, const EvidenceContext& context);
    // Forgets cached keys (after a rollback).
    void reset();

    // Trusts (or stops trusting) the held key or trusted root that nameOrSha256 names (its name, or its sha256 or a
    // prefix of at least 8 hex digits that names one alone), inside the caller's transaction, and re-verifies the
    // evidence that trust decides. A Problem when it names none, or several.
    Result<EvidenceOutcome> setTrust(const QString& nameOrSha256, bool trusted, const QString& actor, const QString& how, Millis at);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tideline
