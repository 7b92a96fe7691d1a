// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// YAML for our readers (policies, flow templates), loaded with the bounds every input gets: valid UTF-8, nesting
// at most kMaxDepth, aliases expanding to at most kMaxNodes values (no "billion laughs"), and no key twice in one
// map (which one counts would depend on the reader). Include only where yaml-cpp is used.

#include "domain/result.h"

#include <QByteArray>
#include <QString>

#include <yaml-cpp/yaml.h>

namespace tideline {

constexpr int kYamlMaxDepth = 64;
constexpr int kYamlMaxNodes = 100000;

// The document's root, or a problem naming the file and "line L, column C".
Result<YAML::Node> loadYaml(const QByteArray& bytes, const QString& file);

// "line 3, column 5" for a node's mark (empty when it has none).
QString yamlWhere(const YAML::Mark& mark);

} // namespace tideline
