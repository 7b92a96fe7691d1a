// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

class QRegularExpression;

#include <map>
#include <memory>
#include <optional>

namespace tideline {

// What a policy expression can see: the artifact and, where the artifact is in one, the flow.
struct ExpressionContext {
    std::optional<QString> flowName; // nothing: no flow context (flow.* are null)
    std::map<QString, QString> flowTags;
    QString artifactName;
    QString artifactFingerprint;
};

// Kosli's policy expressions, `${{ … }}`: == != < > <= >= and or not in, parentheses, string, number,
// boolean and null literals, lists, exists(x), matches(text, regex), and the names flow.name,
// flow.tags.<key> (keys may hold dots and dashes), artifact.name, artifact.fingerprint.
// A result that is not a boolean is an error. Regexes are bounded in size and backtracking.
class Expression {
public:
    static constexpr int kMaxLength = 4096;
    static constexpr int kMaxDepth = 64;

    // Accepts "${{ expr }}" or a bare expression.
    static Result<Expression> parse(const QString& text);
    Result<bool> evaluate(const ExpressionContext& context) const;
    const QString& text() const { return m_text; }

    struct Node;

private:
    std::shared_ptr<const Node> m_root;
    QString m_text;
};

// A regular expression whose matching gives up after a bounded number of PCRE2 steps (a pattern that backtracks
// badly then fails to match with an error, QRegularExpressionMatch::isValid() false, instead of hanging). For
// every pattern that comes from input: policies, allow-list entries.
QRegularExpression boundedRegex(const QString& pattern);

} // namespace tideline
