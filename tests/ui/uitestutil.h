// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers for the window's tests: a demo case made once per test run, and waiting for the window's work.

#include <QString>
#include <QStringList>

class QWidget;

namespace uitest {

// Settings, recent cases and the demo folder of the tests stay out of the user's.
void isolateSettings();

// Generates the demo bundle into dir/bundle and imports it into dir/case.tideline; returns the case path.
QString makeDemoCase(const QString& dir);

// Writes the demo bundle only; returns the bundle folder.
QString makeDemoBundle(const QString& dir);

// sha256 of samples/sigstore/a.txt and of the foo.py that samples/dsse's link names as its product.
extern const QString kSampleA;
extern const QString kSampleFooPy;

// A small case on real evidence: three kubectl snapshots of "prod" in which the artifacts of
// samples/sigstore (a.txt) and samples/dsse (foo.py) run beside a pod with no digest, then the dsse and
// sigstore samples (keys, a link, bundles) imported and bound to them. Returns the case path; empty when
// the samples are absent.
QString makeEvidenceCase(const QString& dir);

} // namespace uitest
