// SPDX-License-Identifier: GPL-3.0-or-later
#include "expression.h"

#include <QRegularExpression>

#include <variant>
#include <vector>

namespace tideline {

namespace {

constexpr int kMaxPattern = 1024;
constexpr int kMaxSubject = 4096;
// Steps PCRE2 may take on one match (its default is ten times this): a pattern that backtracks past it on a text
// gives up within milliseconds, and says so, rather than hanging or passing for "no match".
constexpr int kMaxMatchSteps = 1000000;

std::shared_ptr<QRegularExpression> compileRegex(const QString& pattern)
{
    return std::make_shared<QRegularExpression>(boundedRegex(pattern));
}

struct Value;
using List = std::vector<Value>;
struct Value {
    std::variant<std::monostate, bool, double, QString, List> v;
    bool isNull() const { return std::holds_alternative<std::monostate>(v); }
    const char* typeName() const
    {
        switch (v.index()) {
        case 0:
            return "null";
        case 1:
            return "a boolean";
        case 2:
            return "a number";
        case 3:
            return "a string";
        default:
            return "a list";
        }
    }
};

bool equal(const Value& a, const Value& b)
{
    if (a.v.index() != b.v.index())
        return false;
    switch (a.v.index()) {
    case 0:
        return true;
    case 1:
        return std::get<bool>(a.v) == std::get<bool>(b.v);
    case 2:
        return std::get<double>(a.v) == std::get<double>(b.v);
    case 3:
        return std::get<QString>(a.v) == std::get<QString>(b.v);
    default: {
        const List& x = std::get<List>(a.v);
        const List& y = std::get<List>(b.v);
        if (x.size() != y.size())
            return false;
        for (size_t i = 0; i < x.size(); ++i)
            if (!equal(x[i], y[i]))
                return false;
        return true;
    }
    }
}

enum class Tok { End, Ident, String, Number, LParen, RParen, LBracket, RBracket, Comma, Op };

struct Token {
    Tok kind = Tok::End;
    QString text;
    double number = 0;
    int pos = 0;
};

Problem problem(const QString& text, int pos, const QString& message)
{
    return Problem { QString(), QStringLiteral("column %1").arg(pos + 1), QStringLiteral("%1 in '%2'").arg(message, text) };
}

class Lexer {
public:
    explicit Lexer(const QString& s)
        : m_s(s)
    {
    }

    Result<std::vector<Token>> run()
    {
        std::vector<Token> out;
        int i = 0;
        const int n = static_cast<int>(m_s.size());
        while (i < n) {
            const QChar c = m_s[i];
            if (c.isSpace()) {
                ++i;
                continue;
            }
            Token t;
            t.pos = i;
            if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
                const QChar quote = c;
                ++i;
                QString text;
                bool closed = false;
                while (i < n) {
                    const QChar d = m_s[i++];
                    if (d == QLatin1Char('\\') && i < n) {
                        text += m_s[i++];
                        continue;
                    }
                    if (d == quote) {
                        closed = true;
                        break;
                    }
                    text += d;
                }
                if (!closed)
                    return problem(m_s, t.pos, QStringLiteral("unterminated string"));
                t.kind = Tok::String;
                t.text = text;
            } else if (c.isDigit() || (c == QLatin1Char('-') && i + 1 < n && m_s[i + 1].isDigit())) {
                int j = i + 1;
                while (j < n && (m_s[j].isDigit() || m_s[j] == QLatin1Char('.')))
                    ++j;
                bool ok = false;
                t.number = m_s.mid(i, j - i).toDouble(&ok);
                if (!ok)
                    return problem(m_s, i, QStringLiteral("malformed number"));
                t.kind = Tok::Number;
                i = j;
            } else if (c.isLetter() || c == QLatin1Char('_')) {
                int j = i + 1;
                while (j < n && (m_s[j].isLetterOrNumber() || m_s[j] == QLatin1Char('_') || m_s[j] == QLatin1Char('.') || m_s[j] == QLatin1Char('-')))
                    ++j;
                t.kind = Tok::Ident;
                t.text = m_s.mid(i, j - i);
                i = j;
            } else if (c == QLatin1Char('(') || c == QLatin1Char(')') || c == QLatin1Char('[') || c == QLatin1Char(']') || c == QLatin1Char(',')) {
                t.kind = c == QLatin1Char('(') ? Tok::LParen
                    : c == QLatin1Char(')')    ? Tok::RParen
                    : c == QLatin1Char('[')    ? Tok::LBracket
                    : c == QLatin1Char(']')    ? Tok::RBracket
                                               : Tok::Comma;
                ++i;
            } else {
                static const char* ops[] = { "==", "!=", "<=", ">=", "<", ">" };
                bool matched = false;
                for (const char* op : ops) {
                    const QLatin1String o(op);
                    if (m_s.mid(i, o.size()) == o) {
                        t.kind = Tok::Op;
                        t.text = o;
                        i += static_cast<int>(o.size());
                        matched = true;
                        break;
                    }
                }
                if (!matched)
                    return problem(m_s, i, QStringLiteral("unexpected '%1'").arg(c));
            }
            out.push_back(t);
        }
        Token end;
        end.pos = n;
        out.push_back(end);
        return out;
    }

private:
    const QString& m_s;
};

} // namespace

struct Expression::Node {
    enum class Kind { Literal, Name, List, Not, And, Or, Compare, Exists, Matches };
    Kind kind = Kind::Literal;
    Value literal;
    QString name; // flow.name, flow.tags.<key>, artifact.name, artifact.fingerprint
    QString op;
    std::vector<std::shared_ptr<const Node>> args;
    std::shared_ptr<QRegularExpression> regex; // a literal pattern, compiled once
    int pos = 0;
};

namespace {

using NodePtr = std::shared_ptr<const Expression::Node>;
using Node = Expression::Node;

class Parser {
public:
    Parser(const QString& text, std::vector<Token> tokens)
        : m_text(text)
        , m_t(std::move(tokens))
    {
    }

    Result<NodePtr> run()
    {
        Result<NodePtr> e = orExpr(0);
        if (!e)
            return e;
        if (peek().kind != Tok::End)
            return problem(m_text, peek().pos, QStringLiteral("unexpected '%1'").arg(describe(peek())));
        return e;
    }

private:
    const Token& peek() const { return m_t[m_i]; }
    bool isWord(const char* w) const { return peek().kind == Tok::Ident && peek().text == QLatin1String(w); }
    static QString describe(const Token& t)
    {
        switch (t.kind) {
        case Tok::End:
            return QStringLiteral("end");
        case Tok::String:
            return QLatin1Char('"') + t.text + QLatin1Char('"');
        case Tok::Number:
            return QString::number(t.number);
        case Tok::LParen:
            return QStringLiteral("(");
        case Tok::RParen:
            return QStringLiteral(")");
        case Tok::LBracket:
            return QStringLiteral("[");
        case Tok::RBracket:
            return QStringLiteral("]");
        case Tok::Comma:
            return QStringLiteral(",");
        default:
            return t.text;
        }
    }

    Result<NodePtr> tooDeep() { return problem(m_text, peek().pos, QStringLiteral("nested deeper than %1").arg(Expression::kMaxDepth)); }

    NodePtr make(Node::Kind kind, int pos, std::vector<NodePtr> args, const QString& op = QString())
    {
        auto n = std::make_shared<Node>();
        n->kind = kind;
        n->pos = pos;
        n->args = std::move(args);
        n->op = op;
        return n;
    }

    Result<NodePtr> orExpr(int depth)
    {
        if (depth > Expression::kMaxDepth)
            return tooDeep();
        Result<NodePtr> left = andExpr(depth + 1);
        if (!left)
            return left;
        NodePtr n = *left;
        while (isWord("or")) {
            const int pos = peek().pos;
            ++m_i;
            Result<NodePtr> right = andExpr(depth + 1);
            if (!right)
                return right;
            n = make(Node::Kind::Or, pos, { n, *right });
        }
        return n;
    }

    Result<NodePtr> andExpr(int depth)
    {
        Result<NodePtr> left = notExpr(depth + 1);
        if (!left)
            return left;
        NodePtr n = *left;
        while (isWord("and")) {
            const int pos = peek().pos;
            ++m_i;
            Result<NodePtr> right = notExpr(depth + 1);
            if (!right)
                return right;
            n = make(Node::Kind::And, pos, { n, *right });
        }
        return n;
    }

    Result<NodePtr> notExpr(int depth)
    {
        if (depth > Expression::kMaxDepth)
            return tooDeep();
        if (isWord("not")) {
            const int pos = peek().pos;
            ++m_i;
            Result<NodePtr> inner = notExpr(depth + 1);
            if (!inner)
                return inner;
            return make(Node::Kind::Not, pos, { *inner });
        }
        return compare(depth + 1);
    }

    Result<NodePtr> compare(int depth)
    {
        Result<NodePtr> left = primary(depth + 1);
        if (!left)
            return left;
        if (peek().kind == Tok::Op || isWord("in")) {
            const Token op = peek();
            ++m_i;
            Result<NodePtr> right = primary(depth + 1);
            if (!right)
                return right;
            return make(Node::Kind::Compare, op.pos, { *left, *right }, op.text);
        }
        return left;
    }

    Result<NodePtr> primary(int depth)
    {
        if (depth > Expression::kMaxDepth)
            return tooDeep();
        const Token t = peek();
        switch (t.kind) {
        case Tok::String: {
            ++m_i;
            auto n = std::make_shared<Node>();
            n->literal.v = t.text;
            n->pos = t.pos;
            return NodePtr(n);
        }
        case Tok::Number: {
            ++m_i;
            auto n = std::make_shared<Node>();
            n->literal.v = t.number;
            n->pos = t.pos;
            return NodePtr(n);
        }
        case Tok::LParen: {
            ++m_i;
            Result<NodePtr> inner = orExpr(depth + 1);
            if (!inner)
                return inner;
            if (peek().kind != Tok::RParen)
                return problem(m_text, peek().pos, QStringLiteral("expected ')'"));
            ++m_i;
            return inner;
        }
        case Tok::LBracket: {
            ++m_i;
            std::vector<NodePtr> items;
            while (peek().kind != Tok::RBracket) {
                Result<NodePtr> item = primary(depth + 1);
                if (!item)
                    return item;
                items.push_back(*item);
                if (peek().kind == Tok::Comma)
                    ++m_i;
                else if (peek().kind != Tok::RBracket)
                    return problem(m_text, peek().pos, QStringLiteral("expected ',' or ']'"));
            }
            ++m_i;
            return make(Node::Kind::List, t.pos, std::move(items));
        }
        case Tok::Ident:
            return identifier(depth);
        default:
            return problem(m_text, t.pos, QStringLiteral("expected a value, found '%1'").arg(describe(t)));
        }
    }

    Result<NodePtr> identifier(int depth)
    {
        const Token t = peek();
        ++m_i;
        if (t.text == QLatin1String("true") || t.text == QLatin1String("false") || t.text == QLatin1String("null")) {
            auto n = std::make_shared<Node>();
            if (t.text != QLatin1String("null"))
                n->literal.v = t.text == QLatin1String("true");
            n->pos = t.pos;
            return NodePtr(n);
        }
        if (peek().kind == Tok::LParen) {
            const bool exists = t.text == QLatin1String("exists");
            const bool matches = t.text == QLatin1String("matches");
            if (!exists && !matches)
                return problem(m_text, t.pos, QStringLiteral("unknown function '%1' (exists, matches)").arg(t.text));
            ++m_i;
            std::vector<NodePtr> args;
            while (peek().kind != Tok::RParen) {
                Result<NodePtr> a = orExpr(depth + 1);
                if (!a)
                    return a;
                args.push_back(*a);
                if (peek().kind == Tok::Comma)
                    ++m_i;
                else if (peek().kind != Tok::RParen)
                    return problem(m_text, peek().pos, QStringLiteral("expected ',' or ')'"));
            }
            ++m_i;
            if (exists && args.size() != 1)
                return problem(m_text, t.pos, QStringLiteral("exists() takes one argument"));
            if (matches && args.size() != 2)
                return problem(m_text, t.pos, QStringLiteral("matches() takes two arguments: a text and a regular expression"));
            auto n = std::make_shared<Node>();
            n->kind = exists ? Node::Kind::Exists : Node::Kind::Matches;
            n->pos = t.pos;
            n->args = std::move(args);
            if (matches && n->args[1]->kind == Node::Kind::Literal) {
                const Value& pattern = n->args[1]->literal;
                if (!std::holds_alternative<QString>(pattern.v))
                    return problem(m_text, n->args[1]->pos, QStringLiteral("a regular expression must be a string"));
                const QString& p = std::get<QString>(pattern.v);
                if (p.size() > kMaxPattern)
                    return problem(m_text, n->args[1]->pos, QStringLiteral("regular expression longer than %1 characters").arg(kMaxPattern));
                n->regex = compileRegex(p);
                if (!n->regex->isValid())
                    return problem(m_text, n->args[1]->pos, QStringLiteral("bad regular expression: %1").arg(n->regex->errorString()));
            }
            return NodePtr(n);
        }
        const QString& name = t.text;
        const bool known = name == QLatin1String("flow.name") || name == QLatin1String("artifact.name")
            || name == QLatin1String("artifact.fingerprint") || (name.startsWith(QLatin1String("flow.tags.")) && name.size() > 10);
        if (!known)
            return problem(m_text, t.pos,
                QStringLiteral("unknown name '%1' (flow.name, flow.tags.<key>, artifact.name, artifact.fingerprint)").arg(name));
        auto n = std::make_shared<Node>();
        n->kind = Node::Kind::Name;
        n->name = name;
        n->pos = t.pos;
        return NodePtr(n);
    }

    const QString& m_text;
    std::vector<Token> m_t;
    size_t m_i = 0;
};

class Evaluator {
public:
    Evaluator(const QString& text, const ExpressionContext& c)
        : m_text(text)
        , m_c(c)
    {
    }

    Result<Value> eval(const Node& n)
    {
        switch (n.kind) {
        case Node::Kind::Literal:
            return n.literal;
        case Node::Kind::Name:
            return lookup(n.name);
        case Node::Kind::List: {
            List items;
            for (const auto& a : n.args) {
                Result<Value> v = eval(*a);
                if (!v)
                    return v;
                items.push_back(*v);
            }
            return Value { std::move(items) };
        }
        case Node::Kind::Not: {
            Result<bool> b = boolean(*n.args[0], QStringLiteral("not"));
            if (!b)
                return b.problem();
            return Value { !*b };
        }
        case Node::Kind::And:
        case Node::Kind::Or: {
            const bool isAnd = n.kind == Node::Kind::And;
            const QString op = isAnd ? QStringLiteral("and") : QStringLiteral("or");
            Result<bool> left = boolean(*n.args[0], op);
            if (!left)
                return left.problem();
            if (*left != isAnd)
                return Value { *left }; // short circuit
            Result<bool> right = boolean(*n.args[1], op);
            if (!right)
                return right.problem();
            return Value { *right };
        }
        case Node::Kind::Exists: {
            Result<Value> v = eval(*n.args[0]);
            if (!v)
                return v;
            return Value { !v->isNull() };
        }
        case Node::Kind::Matches:
            return matches(n);
        case Node::Kind::Compare:
            return compare(n);
        }
        return problem(m_text, n.pos, QStringLiteral("cannot evaluate"));
    }

private:
    Value lookup(const QString& name) const
    {
        if (name == QLatin1String("artifact.name"))
            return Value { m_c.artifactName };
        if (name == QLatin1String("artifact.fingerprint"))
            return Value { m_c.artifactFingerprint };
        if (!m_c.flowName)
            return Value {};
        if (name == QLatin1String("flow.name"))
            return Value { *m_c.flowName };
        auto it = m_c.flowTags.find(name.mid(10));
        return it == m_c.flowTags.end() ? Value {} : Value { it->second };
    }

    Result<bool> boolean(const Node& n, const QString& op)
    {
        Result<Value> v = eval(n);
        if (!v)
            return v.problem();
        if (!std::holds_alternative<bool>(v->v))
            return problem(m_text, n.pos, QStringLiteral("'%1' needs a boolean, not %2").arg(op, QString::fromLatin1(v->typeName())));
        return std::get<bool>(v->v);
    }

    Result<Value> matches(const Node& n)
    {
        Result<Value> subject = eval(*n.args[0]);
        if (!subject)
            return subject;
        if (subject->isNull())
            return Value { false };
        if (!std::holds_alternative<QString>(subject->v))
            return problem(m_text, n.pos, QStringLiteral("matches() needs a text, not %1").arg(QString::fromLatin1(subject->typeName())));
        const QString text = std::get<QString>(subject->v).left(kMaxSubject);
        std::shared_ptr<QRegularExpression> re = n.regex;
        if (!re) {
            Result<Value> pattern = eval(*n.args[1]);
            if (!pattern)
                return pattern;
            if (!std::holds_alternative<QString>(pattern->v) || std::get<QString>(pattern->v).size() > kMaxPattern)
                return problem(m_text, n.pos, QStringLiteral("the regular expression must be a text of at most %1 characters").arg(kMaxPattern));
            re = compileRegex(std::get<QString>(pattern->v));
            if (!re->isValid())
                return problem(m_text, n.pos, QStringLiteral("bad regular expression: %1").arg(re->errorString()));
        }
        // The match limit stops catastrophic backtracking; QRegularExpression marks such a match invalid (where a
        // plain no-match is valid), and the rule then resolves as an evaluation error, not as "no match".
        const QRegularExpressionMatch m = re->match(text);
        if (!m.isValid())
            return problem(m_text, n.pos,
                QStringLiteral("matches() gave up after %1 steps: the regular expression backtracks too much on '%2' (simplify it: "
                               "no nested repetition such as (a+)+)")
                    .arg(kMaxMatchSteps)
                    .arg(text.size() > 80 ? text.left(77) + QStringLiteral("...") : text));
        return Value { m.hasMatch() };
    }

    Result<Value> compare(const Node& n)
    {
        Result<Value> a = eval(*n.args[0]);
        if (!a)
            return a;
        Result<Value> b = eval(*n.args[1]);
        if (!b)
            return b;
        const QString& op = n.op;
        if (op == QLatin1String("=="))
            return Value { equal(*a, *b) };
        if (op == QLatin1String("!="))
            return Value { !equal(*a, *b) };
        if (op == QLatin1String("in")) {
            if (std::holds_alternative<List>(b->v)) {
                for (const Value& item : std::get<List>(b->v))
                    if (equal(*a, item))
                        return Value { true };
                return Value { false };
            }
            if (std::holds_alternative<QString>(b->v) && std::holds_alternative<QString>(a->v))
                return Value { std::get<QString>(b->v).contains(std::get<QString>(a->v)) };
            if (b->isNull())
                return Value { false };
            return problem(m_text, n.pos, QStringLiteral("'in' needs a list or a text on its right, not %1").arg(QString::fromLatin1(b->typeName())));
        }
        // Ordering: numbers with numbers, texts with texts; a null side is never ordered.
        if (a->isNull() || b->isNull())
            return Value { false };
        int c = 0;
        if (std::holds_alternative<double>(a->v) && std::holds_alternative<double>(b->v)) {
            const double x = std::get<double>(a->v), y = std::get<double>(b->v);
            c = x < y ? -1 : x > y ? 1 : 0;
        } else if (std::holds_alternative<QString>(a->v) && std::holds_alternative<QString>(b->v)) {
            c = std::get<QString>(a->v).compare(std::get<QString>(b->v));
        } else {
            return problem(m_text, n.pos,
                QStringLiteral("cannot order %1 against %2").arg(QString::fromLatin1(a->typeName()), QString::fromLatin1(b->typeName())));
        }
        if (op == QLatin1String("<"))
            return Value { c < 0 };
        if (op == QLatin1String(">"))
            return Value { c > 0 };
        if (op == QLatin1String("<="))
            return Value { c <= 0 };
        return Value { c >= 0 };
    }

    const QString& m_text;
    const ExpressionContext& m_c;
};

} // namespace

Result<Expression> Expression::parse(const QString& text)
{
    QString body = text.trimmed();
    if (body.startsWith(QLatin1String("${{"))) {
        if (!body.endsWith(QLatin1String("}}")))
            return Problem(QStringLiteral("'%1' opens ${{ but does not close it with }}").arg(text));
        body = body.mid(3, body.size() - 5).trimmed();
    }
    if (body.isEmpty())
        return Problem(QStringLiteral("empty expression"));
    if (body.size() > kMaxLength)
        return Problem(QStringLiteral("expression longer than %1 characters").arg(kMaxLength));
    Result<std::vector<Token>> tokens = Lexer(body).run();
    if (!tokens)
        return tokens.problem();
    Result<NodePtr> root = Parser(body, std::move(tokens).value()).run();
    if (!root)
        return root.problem();
    Expression e;
    e.m_root = *root;
    e.m_text = body;
    return e;
}

Result<bool> Expression::evaluate(const ExpressionContext& context) const
{
    if (!m_root)
        return Problem(QStringLiteral("empty expression"));
    Evaluator ev(m_text, context);
    Result<Value> v = ev.eval(*m_root);
    if (!v)
        return v.problem();
    if (!std::holds_alternative<bool>(v->v))
        return Problem(QStringLiteral("'%1' gives %2, not a boolean").arg(m_text, QString::fromLatin1(v->typeName())));
    return std::get<bool>(v->v);
}

// The pattern with PCRE2's match limit set in front of it (an in-pattern limit can only lower the library's).
QRegularExpression boundedRegex(const QString& pattern)
{
    return QRegularExpression(QStringLiteral("(*LIMIT_MATCH=%1)").arg(kMaxMatchSteps) + pattern);
}

} // namespace tideline
