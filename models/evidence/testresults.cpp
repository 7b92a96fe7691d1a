// SPDX-License-Identifier: GPL-3.0-or-later
#include "testresults.h"

#include "domain/json.h"
#include "evidence/safexml.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QXmlStreamReader>

#include <map>
#include <set>

namespace tideline {


namespace junit {

QString rootElement(const QByteArray& bytes)
{
    QString t = safexml::headText(bytes);
    qsizetype i = 0;
    if (t.startsWith(QChar(0xFEFF)))
        i = 1;
    else if (t.startsWith(QStringLiteral("\u00EF\u00BB\u00BF")))
        i = 3;
    const qsizetype n = t.size();
    while (i < n) {
        while (i < n && t[i].isSpace())
            ++i;
        if (i >= n || t[i] != QLatin1Char('<'))
            return QString();
        if (t.mid(i, 2) == QLatin1String("<?")) {
            const qsizetype end = t.indexOf(QLatin1String("?>"), i);
            if (end < 0)
                return QString();
            i = end + 2;
        } else if (t.mid(i, 4) == QLatin1String("<!--")) {
            const qsizetype end = t.indexOf(QLatin1String("-->"), i);
            if (end < 0)
                return QString();
            i = end + 3;
        } else if (t.mid(i, 2) == QLatin1String("<!")) {
            int brackets = 0;
            for (++i; i < n; ++i) {
                if (t[i] == QLatin1Char('['))
                    ++brackets;
                else if (t[i] == QLatin1Char(']'))
                    --brackets;
                else if (t[i] == QLatin1Char('>') && brackets <= 0)
                    break;
            }
            ++i;
        } else {
            qsizetype j = i + 1;
            while (j < n && !t[j].isSpace() && t[j] != QLatin1Char('/') && t[j] != QLatin1Char('>'))
                ++j;
            QString name = t.mid(i + 1, j - i - 1);
            if (const qsizetype colon = name.indexOf(QLatin1Char(':')); colon >= 0)
                name = name.mid(colon + 1);
            return name;
        }
    }
    return QString();
}

bool isJUnitRoot(const QString& root) { return root == QLatin1String("testsuites") || root == QLatin1String("testsuite"); }

bool looksLikeTestResults(const QString& root)
{
    const QString r = root.toLower();
    return r.contains(QLatin1String("test")) || r.contains(QLatin1String("suite")) || r == QLatin1String("assemblies")
        || r == QLatin1String("assembly") || r.contains(QLatin1String("result"));
}

Result<EvidenceItem> read(const QByteArray& bytes, const QString& file)
{
    const QString root = rootElement(bytes);
    if (!isJUnitRoot(root))
        return Problem { file, QString(),
            root.isEmpty() ? QStringLiteral("not XML: JUnit reports are XML with a <testsuites> or <testsuite> root")
                           : QStringLiteral("not JUnit XML: the root element is <%1>, not <testsuites> or <testsuite>; it is not taken for a "
                                            "test run")
                                 .arg(root) };

    const QString head = safexml::headText(bytes);
    // UTF-8 and UTF-16 are read as they are; any other encoding the file declares (ISO-8859-1, windows-1252: Kosli's
    // own test data has such reports) is decoded as declared and read as UTF-8. An encoding nothing here knows is
    // refused, not guessed at.
    const QString encoding = safexml::declaredEncoding(head).toLower();
    const bool utf16 = safexml::isUtf16(bytes);
    QByteArray transcoded;
    if (!encoding.isEmpty()) {
        static const std::set<QString> native { QStringLiteral("utf-8"), QStringLiteral("utf8"), QStringLiteral("us-ascii"),
            QStringLiteral("ascii"), QStringLiteral("utf-16"), QStringLiteral("utf-16le"), QStringLiteral("utf-16be") };
        if (encoding.startsWith(QLatin1String("utf-16")) && !utf16)
            return Problem { file, QStringLiteral("line 1"), QStringLiteral("declared UTF-16, but the bytes are not UTF-16") };
        if (!native.count(encoding)) {
            QStringDecoder decoder(safexml::declaredEncoding(head).toLatin1().constData());
            if (!decoder.isValid())
                return Problem { file, QStringLiteral("line 1"),
                    QStringLiteral("XML in encoding '%1' cannot be read: no decoder for it here (convert it, e.g. `iconv -f %1 -t UTF-8`)")
                        .arg(safexml::declaredEncoding(head)) };
            QString text = decoder(bytes);
            if (decoder.hasError())
                return Problem { file, QString(), QStringLiteral("not valid %1 text").arg(safexml::declaredEncoding(head)) };
            // The declaration now says what the bytes are.
            static const QRegularExpression decl(QStringLiteral("(<\\?xml[^>]*?encoding\\s*=\\s*[\"'])([^\"']+)([\"'])"));
            text.replace(decl, QStringLiteral("\\1UTF-8\\3"));
            transcoded = text.toUtf8();
        }
    }
    const QByteArray& input = transcoded.isEmpty() ? bytes : transcoded;
    if (!utf16)
        if (std::optional<Problem> p = safexml::utf8Problem(input, file))
            return *p;

    QXmlStreamReader xml(input);
    int tests = 0, failures = 0, errors = 0, skipped = 0, disabled = 0, suites = 0, flaky = 0, suiteErrors = 0;
    double duration = 0;
    QStringList failed;
    QString timestamp, suiteName;
    int depth = 0;
    // The open elements' names, to know a result's parent.
    std::vector<QString> stack;
    struct Case {
        int depth = 0;
        QString name;
        bool failure = false, error = false, skip = false, flakyRun = false, rerunFailure = false, rerunError = false;
        QString status;
    };
    std::optional<Case> current;
    constexpr int kMaxDepth = 256;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType t = xml.readNext();
        if (auto p = safexml::tokenProblem(xml, t, file))
            return *p;
        if (t == QXmlStreamReader::StartElement) {
            if (++depth > kMaxDepth)
                return Problem { file, QStringLiteral("line %1").arg(xml.lineNumber()), QStringLiteral("elements nested deeper than %1").arg(kMaxDepth) };
            const QString name = xml.name().toString();
            const QXmlStreamAttributes attrs = xml.attributes();
            const QString parent = stack.empty() ? QString() : stack.back();
            stack.push_back(name);
            if (name == QLatin1String("testsuite")) {
                ++suites;
                if (timestamp.isEmpty()) {
                    timestamp = attrs.value(QLatin1String("timestamp")).toString();
                    // Dialects write times in many ways, and an unreadable one is passed over; one that reads as a
                    // time before 1970 or after 9999 is refused.
                    if (timefmt::isOutOfRangeIso(timestamp))
                        return Problem { file, QStringLiteral("line %1").arg(xml.lineNumber()),
                            QStringLiteral("testsuite timestamp '%1' is outside 1970..9999").arg(timestamp) };
                }
                if (suiteName.isEmpty())
                    suiteName = attrs.value(QLatin1String("name")).toString();
            } else if (name == QLatin1String("testcase") && !current) {
                Case c;
                c.depth = depth;
                const QString cls = attrs.value(QLatin1String("classname")).toString();
                const QString n = attrs.value(QLatin1String("name")).toString();
                c.name = cls.isEmpty() ? n : cls + QLatin1Char('.') + n;
                c.status = (attrs.value(QLatin1String("status")).toString() + QLatin1Char(' ') + attrs.value(QLatin1String("result")).toString())
                               .toLower();
                duration += attrs.value(QLatin1String("time")).toDouble();
                current = c;
            } else if (current && depth == current->depth + 1) {
                if (name == QLatin1String("failure"))
                    current->failure = true;
                else if (name == QLatin1String("error"))
                    current->error = true;
                else if (name == QLatin1String("skipped"))
                    current->skip = true;
                else if (name == QLatin1String("flakyFailure") || name == QLatin1String("flakyError"))
                    current->flakyRun = true;
                else if (name == QLatin1String("rerunFailure"))
                    current->rerunFailure = true; // Surefire writes these beside the final <failure>; alone, still a failure
                else if (name == QLatin1String("rerunError"))
                    current->rerunError = true;
            } else if (!current && parent == QLatin1String("testsuite") && (name == QLatin1String("failure") || name == QLatin1String("error"))) {
                // A suite that failed outside any case (setup, teardown): an error, never a pass.
                ++suiteErrors;
            }
        } else if (t == QXmlStreamReader::EndElement) {
            if (current && depth == current->depth) {
                ++tests;
                const QString& s = current->status;
                const bool statusFailed = s.contains(QLatin1String("fail"));
                const bool statusError = s.contains(QLatin1String("error"));
                const bool statusSkipped = s.contains(QLatin1String("skip"));
                // Disabled tests did not run; like Kosli (and unlike a <skipped/> child) they are not counted as skipped.
                const bool statusDisabled = s.contains(QLatin1String("disabled")) || s.contains(QLatin1String("notrun")) || s.contains(QLatin1String("suppressed"));
                const bool noResult = !current->failure && !current->error && !current->skip;
                if (current->error || (!current->failure && current->rerunError) || (noResult && statusError)) {
                    ++errors;
                    failed << current->name;
                } else if (current->failure || current->rerunFailure || (noResult && statusFailed)) {
                    ++failures;
                    failed << current->name;
                } else if (current->skip || statusSkipped) {
                    ++skipped;
                } else if (statusDisabled) {
                    ++disabled;
                } else if (current->flakyRun) {
                    ++flaky;
                }
                current.reset();
            }
            if (!stack.empty())
                stack.pop_back();
            --depth;
        }
    }
    if (xml.hasError()) {
        const QString where = QStringLiteral("line %1, column %2").arg(xml.lineNumber()).arg(xml.columnNumber());
        if (xml.error() == QXmlStreamReader::PrematureEndOfDocumentError)
            return Problem { file, where, QStringLiteral("the XML ends before its elements close (truncated file?)") };
        return Problem { file, where, QStringLiteral("malformed XML: ") + xml.errorString() };
    }

    errors += suiteErrors;
    EvidenceItem item;
    EvidenceRecord& r = item.record;
    r.kind = QStringLiteral("junit");
    r.type = QStringLiteral("junit");
    r.format = QStringLiteral("junit-xml");
    if (tests > 0 || suiteErrors > 0)
        r.compliant = failures == 0 && errors == 0;
    if (auto t = timefmt::parseIso(timestamp))
        r.createdAt = *t;
    QJsonObject summary { { QStringLiteral("tests"), tests }, { QStringLiteral("failures"), failures }, { QStringLiteral("errors"), errors },
        { QStringLiteral("skipped"), skipped }, { QStringLiteral("suites"), suites }, { QStringLiteral("duration"), duration } };
    if (flaky)
        summary.insert(QStringLiteral("flaky"), flaky);
    if (disabled)
        summary.insert(QStringLiteral("disabled"), disabled);
    if (suiteErrors)
        summary.insert(QStringLiteral("suite_errors"), suiteErrors);
    if (!suiteName.isEmpty())
        summary.insert(QStringLiteral("suite"), suiteName);
    if (!timestamp.isEmpty())
        summary.insert(QStringLiteral("timestamp"), timestamp);
    if (tests == 0 && suiteErrors == 0)
        summary.insert(QStringLiteral("note"), QStringLiteral("no test cases: not a passing run"));
    QJsonArray f;
    for (const QString& n : failed.mid(0, 50))
        f.append(n);
    if (!f.isEmpty())
        summary.insert(QStringLiteral("failed"), f);
    r.summary = summaryText(summary);
    return item;
}

} // namespace junit

namespace sarif {

bool isSarif(const JsonValue& root)
{
    if (!root.isObject())
        return false;
    const std::string_view schema = root["$schema"].stringOr("");
    const bool sarifSchema = schema.find("sarif") != std::string_view::npos;
    const std::string_view version = root["version"].stringOr("");
    return (sarifSchema && (root.has("version") || root.has("runs"))) || (root.has("runs") && version.rfind("2.", 0) == 0);
}

Result<EvidenceItem> read(const JsonValue& root, const QString& file)
{
    const QString version = root["version"].qstring();
    if (version != QLatin1String("2.1.0"))
        return Problem { file, QStringLiteral("version"),
            QStringLiteral("SARIF version '%1' is not read (2.1.0 is)").arg(version.isEmpty() ? QStringLiteral("missing") : version) };
    const JsonValue runs = root["runs"];
    if (runs.isValid() && !runs.isNull() && !runs.isArray())
        return Problem { file, QStringLiteral("runs"), QStringLiteral("expected an array") };

    std::map<QString, int> levels { { QStringLiteral("error"), 0 }, { QStringLiteral("warning"), 0 }, { QStringLiteral("note"), 0 },
        { QStringLiteral("none"), 0 } };
    int results = 0, suppressed = 0, absent = 0, failing = 0, runCount = 0, runsWithoutResults = 0, failedRuns = 0;
    QJsonArray tools;
    QStringList problems;
    size_t ri = 0;
    for (const JsonValue run : runs.elements()) {
        const QString where = jsonIndex(QStringLiteral("runs"), ri++);
        ++runCount;
        const JsonValue driver = run["tool"]["driver"];
        const QString tool = QString(driver["name"].qstring() + QLatin1Char(' ') + driver["version"].qstring()).trimmed();
        if (!tool.isEmpty() && !tools.contains(tool))
            tools.append(tool);
        const JsonValue rules = driver["rules"];
        std::map<QString, QString> ruleLevels; // id -> default level
        std::vector<QString> ruleByIndex;
        for (const JsonValue rule : rules.elements()) {
            const QString level = rule["defaultConfiguration"]["level"].qstring();
            ruleByIndex.push_back(level);
            if (rule["id"].isString())
                ruleLevels[rule["id"].qstring()] = level;
        }
        // SARIF 2.1.0 §3.20.14: executionSuccessful says whether the tool ran to its end; error-level
        // notifications beside executionSuccessful: true are the tool's own messages, not a failed scan. Only an
        // invocation that does not say is judged by its notifications.
        bool runFailed = false;
        for (const JsonValue inv : run["invocations"].elements()) {
            const std::optional<bool> ok = inv["executionSuccessful"].boolean();
            if (ok == std::optional<bool>(false))
                runFailed = true;
            if (!ok)
                for (const JsonValue n : inv["toolExecutionNotifications"].elements())
                    if (n["level"].stringOr("") == "error")
                        runFailed = true;
        }
        const JsonValue list = run["results"];
        if (!list.isArray()) {
            // Absent or null results: the tool did not produce any, which is not the same as finding none.
            ++runsWithoutResults;
            problems << QStringLiteral("%1 has no results array: the scan did not complete").arg(where);
        }
        if (runFailed) {
            ++failedRuns;
            problems << QStringLiteral("%1: the tool's execution failed").arg(where);
        }
        for (const JsonValue res : list.elements()) {
            ++results;
            if (res["baselineState"].stringOr("") == "absent")
                ++absent; // gone since the baseline: reported, and counted, but labelled
            QString level = res["level"].qstring();
            if (level.isEmpty()) {
                const auto index = res["ruleIndex"].integer();
                if (index && *index >= 0 && static_cast<size_t>(*index) < ruleByIndex.size())
                    level = ruleByIndex[static_cast<size_t>(*index)];
                else if (auto it = ruleLevels.find(res["ruleId"].qstring()); it != ruleLevels.end())
                    level = it->second;
            }
            if (level.isEmpty()) {
                const std::string_view kind = res["kind"].stringOr("fail");
                level = kind == "fail" ? QStringLiteral("warning") : QStringLiteral("none");
            }
            if (!levels.count(level))
                level = QStringLiteral("warning");
            ++levels[level];
            bool isSuppressed = false;
            for (const JsonValue s : res["suppressions"].elements())
                if (s["status"].stringOr("accepted") == "accepted") {
                    isSuppressed = true; // §3.34: a suppression without a status is accepted
                    break;
                }
            suppressed += isSuppressed ? 1 : 0;
            // Only a result of kind "fail" (the default, §3.27.9) says something is wrong: pass, notApplicable,
            // informational, open and review do not; an accepted suppression or a result gone since the
            // baseline does not either.
            const bool fails = res["kind"].stringOr("fail") == "fail" && !isSuppressed && res["baselineState"].stringOr("") != "absent";
            failing += fails ? 1 : 0;
        }
    }
    if (runCount == 0)
        problems << QStringLiteral("no runs: nothing was scanned");
    const bool executionSuccessful = runCount > 0 && failedRuns == 0 && runsWithoutResults == 0;

    EvidenceItem item;
    EvidenceRecord& r = item.record;
    r.kind = QStringLiteral("sarif");
    r.type = QStringLiteral("snyk"); // Kosli's attestation type for SARIF scans
    r.format = QStringLiteral("sarif-2.1.0");
    r.compliant = failing == 0 && executionSuccessful;
    QJsonObject summary { { QStringLiteral("results"), results }, { QStringLiteral("error"), levels[QStringLiteral("error")] },
        { QStringLiteral("warning"), levels[QStringLiteral("warning")] }, { QStringLiteral("note"), levels[QStringLiteral("note")] },
        { QStringLiteral("none"), levels[QStringLiteral("none")] }, { QStringLiteral("execution_successful"), executionSuccessful },
        { QStringLiteral("suppressed"), suppressed }, { QStringLiteral("failing"), failing }, { QStringLiteral("runs"), runCount },
        { QStringLiteral("tools"), tools } };
    if (absent)
        summary.insert(QStringLiteral("absent"), absent);
    if (!problems.isEmpty())
        summary.insert(QStringLiteral("problems"), QJsonArray::fromStringList(problems));
    r.summary = summaryText(summary);
    return item;
}

} // namespace sarif
} // namespace tideline
