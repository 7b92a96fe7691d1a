// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>
#include <QStringList>

namespace tideline {

// The digest `kosli fingerprint --artifact-type file|dir` gives: a file's sha256, or Kosli's directory
// digest (names and contents in sorted walk order, .kosli_ignore and --exclude globs honoured).
Result<QString> fingerprintPath(const QString& path, const QStringList& excludes = {});

// Go filepath.Match syntax per path segment, plus "**" for any number of segments.
bool globMatch(const QString& pattern, const QString& relativePath);

} // namespace tideline
