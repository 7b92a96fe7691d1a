// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Test results and scans: JUnit XML (every variant seen in the wild) and SARIF 2.1.0.

#include "domain/result.h"
#include "evidence/evidencefile.h"

#include <QByteArray>
#include <QString>

namespace tideline {

class JsonValue;

namespace junit {

// The name of the XML root element, after the prolog; empty when the bytes do not start like XML.
QString rootElement(const QByteArray& bytes);
bool isJUnitRoot(const QString& root); // testsuites or testsuite
// A root that looks like test results without being JUnit (<suites>, <test-run>, <assemblies>, …).
bool looksLikeTestResults(const QString& root);

// Reads JUnit XML. Counts come from the <testcase> elements, never the suites' attributes; a case with several
// results counts once, by precedence error > failure > skipped. Compliant iff there are test cases and no
// failure and no error. DTDs (and so declared or external entities) are refused, as are encodings other than
// UTF-8 and UTF-16.
Result<EvidenceItem> read(const QByteArray& bytes, const QString& file);

} // namespace junit

namespace sarif {

bool isSarif(const JsonValue& root);
// Reads SARIF 2.1.0. Non-compliant when any result is found, when a run's execution failed, or when there was
// nothing to scan with (no runs, a run without results).
Result<EvidenceItem> read(const JsonValue& root, const QString& file);

} // namespace sarif
} // namespace tideline
