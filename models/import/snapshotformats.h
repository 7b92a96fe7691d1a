// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/observation.h"
#include "domain/result.h"
#include "domain/timefmt.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace tideline {

class JsonValue;

struct ParsedSnapshot {
    QString format; // kosli-payload, kosli-snapshot, kubectl-pods, docker-inspect, ecs-tasks, lambda-functions
    QString type; // environment type (K8S, ECS, lambda, S3, docker, server, azure-apps, cloud-run); empty if unknown
    QStringList typeCandidates; // when the content fits several types
    QString environment; // empty when the content does not name it
    std::optional<Millis> takenAt;
    std::optional<qint64> kosliIndex;
    std::vector<Observation> observations;
    std::vector<Problem> warnings; // problems that do not stop the import (e.g. a malformed digest)

    // Kosli server snapshots only.
    std::vector<ServerArtifact> serverArtifacts;
    std::string appliedPoliciesJson;
    std::optional<bool> compliant;
};

enum class SnapshotFormat { None, KosliPayload, KosliSnapshot, KubectlPods, DockerInspect, EcsTasks, LambdaFunctions };

// Which snapshot format a parsed JSON document is, from its shape alone.
SnapshotFormat detectSnapshotFormat(const JsonValue& root);
QString formatName(SnapshotFormat f);

// Environment types Kosli knows, in their canonical spelling; canonicalType("k8s") == "K8S".
const QStringList& environmentTypes();
QString canonicalType(const QString& type);

// Reads the document as the given format. Errors name the file and the JSON path.
Result<ParsedSnapshot> readSnapshot(SnapshotFormat format, const JsonValue& root, const QString& file);

} // namespace tideline
