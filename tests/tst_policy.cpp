// SPDX-License-Identifier: GPL-3.0-or-later
// Kosli policies: the expression language, the YAML schema, and evaluation as the server does it.

#include "testutil.h"

#include "compliance/evaluation.h"
#include "compliance/expression.h"
#include "compliance/policy.h"
#include "domain/json.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tideline;

class TestPolicy : public QObject {
    Q_OBJECT

    static ExpressionContext context()
    {
        ExpressionContext c;
        c.flowName = QStringLiteral("web-ci");
        c.flowTags = { { QStringLiteral("kind"), QStringLiteral("build") }, { QStringLiteral("risk-level"), QStringLiteral("high") },
            { QStringLiteral("team.owner"), QStringLiteral("payments") }, { QStringLiteral("tier"), QStringLiteral("2") } };
        c.artifactName = QStringLiteral("datadog:7.1");
        c.artifactFingerprint = QString(64, QLatin1Char('a'));
        return c;
    }

private Q_SLOTS:
    void expressions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("result");
        QTest::addRow("equal") << "${{ flow.name == \"web-ci\" }}" << true;
        QTest::addRow("not equal") << "flow.tags.kind != \"build\"" << false;
        QTest::addRow("dashed tag") << "${{ flow.tags.risk-level == \"high\" }}" << true;
        QTest::addRow("dotted tag") << "flow.tags.team.owner == 'payments'" << true;
        QTest::addRow("missing tag is null") << "flow.tags.nope == null" << true;
        QTest::addRow("missing tag not equal") << "flow.tags.nope != \"build\"" << true;
        QTest::addRow("exists") << "exists(flow.tags.kind) and not exists(flow.tags.nope)" << true;
        QTest::addRow("matches") << "${{ matches(artifact.name, \"^datadog:.*\") }}" << true;
        QTest::addRow("matches not") << "matches(artifact.name, '^nginx')" << false;
        QTest::addRow("in list") << "flow.name in [\"api-ci\", \"web-ci\"]" << true;
        QTest::addRow("in text") << "\"web\" in flow.name" << true;
        QTest::addRow("precedence") << "flow.name == \"x\" or flow.tags.kind == \"build\" and artifact.name == \"datadog:7.1\"" << true;
        QTest::addRow("parentheses") << "(flow.name == \"x\" or flow.tags.kind == \"build\") and not (artifact.name == \"y\")" << true;
        QTest::addRow("order texts") << "flow.tags.tier < \"3\"" << true;
        QTest::addRow("order numbers") << "2 >= 1.5" << true;
        QTest::addRow("null is not ordered") << "flow.tags.nope < \"z\"" << false;
        QTest::addRow("fingerprint") << QString(QStringLiteral("artifact.fingerprint == \"") + QString(64, QLatin1Char('a')) + QStringLiteral("\"")) << true;
    }
    void expressions()
    {
        QFETCH(QString, text);
        QFETCH(bool, result);
        Result<Expression> e = Expression::parse(text);
        QVERIFY2(e.ok(), qPrintable(e.error()));
        Result<bool> r = e->evaluate(context());
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(*r, result);
    }

    void withoutAFlowFlowNamesAreNull()
    {
        ExpressionContext c;
        c.artifactName = QStringLiteral("miner");
        QCOMPARE(*Expression::parse(QStringLiteral("flow.name == null"))->evaluate(c), true);
        QCOMPARE(*Expression::parse(QStringLiteral("flow.tags.kind != \"build\""))->evaluate(c), true);
        QCOMPARE(*Expression::parse(QStringLiteral("matches(flow.name, \".*\")"))->evaluate(c), false);
    }

    void badExpressions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("words");
        QTest::addRow("unknown name") << "flo.name == \"a\"" << "unknown name 'flo.name'";
        QTest::addRow("unknown function") << "len(flow.name) > 1" << "unknown function 'len'";
        QTest::addRow("unterminated") << "flow.name == \"a" << "unterminated string";
        QTest::addRow("dangling") << "flow.name ==" << "expected a value";
        QTest::addRow("trailing") << "flow.name == \"a\" \"b\"" << "unexpected";
        QTest::addRow("unclosed template") << "${{ flow.name == \"a\"" << "does not close";
        QTest::addRow("bad regex") << "matches(artifact.name, \"(\")" << "bad regular expression";
        QTest::addRow("empty") << "${{ }}" << "empty expression";
        QTest::addRow("too deep") << QString(QString(200, QLatin1Char('(')) + QStringLiteral("true") + QString(200, QLatin1Char(')'))) << "nested deeper";
    }
    void badExpressions()
    {
        QFETCH(QString, text);
        QFETCH(QString, words);
        Result<Expression> e = Expression::parse(text);
        QVERIFY(!e.ok());
        QVERIFY2(e.error().contains(words), qPrintable(e.error()));
    }

    void nonBooleanResultsAreErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("a name") << "flow.name";
        QTest::addRow("a list") << "[1, 2]";
        QTest::addRow("and of texts") << "flow.name and true";
        QTest::addRow("order mismatch") << "flow.name < 3";
    }
    void nonBooleanResultsAreErrors()
    {
        QFETCH(QString, text);
        Result<Expression> e = Expression::parse(text);
        QVERIFY2(e.ok(), qPrintable(e.error()));
        QVERIFY(!e->evaluate(context()).ok());
    }

    void hostileRegexDoesNotHang()
    {
        ExpressionContext c = context();
        c.artifactName = QString(40, QLatin1Char('a')) + QLatin1Char('!');
        Result<Expression> e = Expression::parse(QStringLiteral("matches(artifact.name, \"^(a+)+$\")"));
        QVERIFY(e.ok());
        // Catastrophic backtracking is cut short at the step limit, and says so: a silent "no match" would make an
        // exception not apply (or a rule's condition not hold) for no reason anyone could see.
        Result<bool> r = e->evaluate(c);
        QVERIFY(!r.ok());
        QVERIFY2(r.problem().message.contains(QStringLiteral("backtracks too much")), qPrintable(r.error()));
        // The same pattern on a text it matches, or fails on quickly, is an ordinary answer.
        c.artifactName = QString(40, QLatin1Char('a'));
        r = e->evaluate(c);
        QVERIFY2(r.ok() && *r, qPrintable(r.error()));
        c.artifactName = QStringLiteral("b");
        r = e->evaluate(c);
        QVERIFY2(r.ok() && !*r, qPrintable(r.error()));
        QVERIFY(!Expression::parse(QStringLiteral("matches(flow.name, \"") + QString(2000, QLatin1Char('a')) + QStringLiteral("\")")).ok());
    }

    void samplePolicies()
    {
        REQUIRE_SAMPLES();
        Result<Policy> p = parsePolicy(testutil::readFile(testutil::sample(QStringLiteral("kosli/test-policy.yml"))), QStringLiteral("test-policy.yml"));
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QVERIFY(p->provenance.required);
        QVERIFY(p->trailCompliance.required);
        QVERIFY(p->attestations.empty());
        Result<Policy> c = parsePolicy(testutil::readFile(testutil::sample(QStringLiteral("kosli/test-policy-for-control.yml"))), QStringLiteral("x.yml"));
        QVERIFY2(c.ok(), qPrintable(c.error()));
        QCOMPARE(c->attestations.size(), size_t(1));
        QCOMPARE(c->attestations[0].type, QStringLiteral("decision"));
        QCOMPARE(c->attestations[0].forControl, QStringLiteral("assert-artifact-ctl"));
        QVERIFY(looksLikePolicy(testutil::readFile(testutil::sample(QStringLiteral("kosli/test-policy.yml")))));
    }

    void docsExample()
    {
        const QByteArray yaml = R"(_schema: https://docs.kosli.com/schemas/policy/v1

artifacts:
  provenance:
    required: true
    exceptions:
      - if: ${{ matches(artifact.name, "^datadog:.*") }}

  trail-compliance:
    required: true

  attestations:
    - name: security-scan
      type: snyk
    - name: pull-request
      type: pull_request
      if: ${{ flow.tags.risk-level == "high" }}
    - name: coverage
      type: custom:coverage-metrics
)";
        Result<Policy> p = parsePolicy(yaml, QStringLiteral("docs.yml"));
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QCOMPARE(p->provenance.exceptions.size(), size_t(1));
        QCOMPARE(p->attestations.size(), size_t(3));
        QVERIFY(p->attestations[1].condition.has_value());
        QCOMPARE(p->attestations[2].type, QStringLiteral("custom:coverage-metrics"));
        QVERIFY(p->attestations[0].mustBeCompliant);
    }

    void schemaErrorsNameTheKey_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("words");
        const QByteArray head = "_schema: https://docs.kosli.com/schemas/policy/v1\n";
        QTest::addRow("unknown top key") << head + "artifact:\n  provenance: {required: true}\n" << "artifact" << "unknown key 'artifact'";
        QTest::addRow("unknown nested key") << head + "artifacts:\n  provenance:\n    requird: true\n" << "artifacts.provenance.requird" << "unknown key";
        QTest::addRow("wrong type") << head + "artifacts:\n  provenance:\n    required: yes please\n" << "artifacts.provenance.required" << "true or false";
        QTest::addRow("missing type") << head + "artifacts:\n  attestations:\n    - name: x\n" << "artifacts.attestations[0].type" << "missing";
        QTest::addRow("bad type") << head + "artifacts:\n  attestations:\n    - type: sbom\n" << "artifacts.attestations[0].type" << "not an attestation type";
        QTest::addRow("both stars") << head + "artifacts:\n  attestations:\n    - {name: '*', type: '*'}\n" << "artifacts.attestations[0]" << "both be '*'";
        QTest::addRow("control on generic") << head + "artifacts:\n  attestations:\n    - {type: generic, for_control: c}\n" << "artifacts.attestations[0].for_control" << "only valid for type decision";
        QTest::addRow("bad expression") << head + "artifacts:\n  provenance:\n    required: true\n    exceptions:\n      - if: ${{ flow.nam == 1 }}\n"
                                        << "artifacts.provenance.exceptions[0].if" << "unknown name";
        QTest::addRow("no schema") << QByteArray("artifacts: {}\n") << "_schema" << "missing";
        QTest::addRow("schema v2") << QByteArray("_schema: https://docs.kosli.com/schemas/policy/v2\n") << "_schema" << "version 2";
        QTest::addRow("malformed yaml") << head + "artifacts: [\n" << "line" << "malformed YAML";
    }
    void schemaErrorsNameTheKey()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, where);
        QFETCH(QString, words);
        Result<Policy> p = parsePolicy(yaml, QStringLiteral("p.yml"));
        QVERIFY(!p.ok());
        QCOMPARE(p.problem().file, QStringLiteral("p.yml"));
        QVERIFY2(p.problem().where.startsWith(where), qPrintable(p.error()));
        QVERIFY2(p.problem().message.contains(words), qPrintable(p.error()));
    }

    // The real aws-prod snapshot's applied policies, evaluated by us, give the server's decisions.
    // Flow tags and trail attestations are not in a snapshot: the two real trails give the tags of their
    // flows (kind: build); for the other flows this test states what the server's decisions imply
    // (every *-ci flow is a build flow with a pull request; each snyk-vulns-aws-prod trail holds the scan).
    void agreesWithTheServerOnAwsProd()
    {
        REQUIRE_SAMPLES();
        std::map<QString, std::map<QString, QString>> tags;
        for (const char* trail : { "kosli/trail-creator-ci.json", "kosli/trail-dashboard-ci.json" }) {
            const QJsonObject flow = QJsonDocument::fromJson(testutil::readFile(testutil::sample(QString::fromLatin1(trail))))[QLatin1String("flow")].toObject();
            const QJsonObject t = flow[QLatin1String("tags")].toObject();
            for (auto it = t.begin(); it != t.end(); ++it)
                tags[flow[QLatin1String("name")].toString()][it.key()] = it.value().toString();
        }
        QCOMPARE(tags[QStringLiteral("creator-ci")][QStringLiteral("kind")], QStringLiteral("build"));

        JsonDocument doc;
        QVERIFY(doc.parse(testutil::readFile(testutil::sample(QStringLiteral("kosli/aws-prod-snapshot-4357.json"))), QStringLiteral("aws-prod")).ok());
        const JsonValue root = doc.root();
        std::vector<Policy> policies;
        for (const JsonValue ap : root["applied_policies"].elements()) {
            Result<Policy> p = parsePolicyDump(ap["policy_dump"], ap["name"].qstring(), int(*ap["version"].integer()), QStringLiteral("aws-prod"));
            QVERIFY2(p.ok(), qPrintable(p.error()));
            policies.push_back(*p);
        }
        QCOMPARE(policies.size(), size_t(2));
        int compared = 0;
        for (const JsonValue a : root["artifacts"].elements()) {
            ArtifactFacts facts;
            facts.fingerprint = a["fingerprint"].qstring();
            facts.name = a["name"].qstring();
            for (const JsonValue f : a["flows"].elements()) {
                FlowFact flow;
                flow.flowName = f["flow_name"].qstring();
                flow.trailName = f["trail_name"].qstring();
                flow.artifactStatus = f["artifact_compliance_in_flow"].boolean().value_or(false) ? QStringLiteral("COMPLIANT") : QStringLiteral("NON-COMPLIANT");
                if (tags.count(flow.flowName))
                    flow.tags = tags[flow.flowName];
                else if (flow.flowName.endsWith(QLatin1String("-ci")))
                    flow.tags[QStringLiteral("kind")] = QStringLiteral("build");
                if (flow.tags[QStringLiteral("kind")] == QLatin1String("build"))
                    flow.attestations.push_back({ QStringLiteral("pull-request"), QStringLiteral("pull_request"), true, std::nullopt, QString(), QString() });
                if (flow.flowName == QLatin1String("snyk-vulns-aws-prod"))
                    flow.attestations.push_back({ QStringLiteral("snyk-container-scan"), QStringLiteral("generic"), true, std::nullopt, QString(), QString() });
                facts.flows.push_back(flow);
            }
            for (const JsonValue server : a["policy_decisions"].elements()) {
                const QString name = server["policy_name"].qstring();
                const Policy* policy = nullptr;
                for (const Policy& p : policies)
                    if (p.name == name)
                        policy = &p;
                QVERIFY2(policy, qPrintable(name));
                const PolicyDecision ours = evaluatePolicy(*policy, facts);
                const QString where = facts.name.section(QLatin1Char('/'), -1) + QStringLiteral(" / ") + name;
                QVERIFY2(ours.status == server["status"].qstring(), qPrintable(where));
                size_t i = 0;
                for (const JsonValue rule : server["rule_evaluations"].elements()) {
                    QVERIFY(i < ours.rules.size());
                    const RuleEvaluation& r = ours.rules[i++];
                    QCOMPARE(r.ruleType, rule["rule"]["type"].qstring());
                    const auto satisfied = rule["satisfied"].boolean();
                    QVERIFY2(r.satisfied == satisfied, qPrintable(where + QStringLiteral(" ") + r.ruleType));
                    QCOMPARE(r.ignored, *rule["ignored"].boolean());
                    size_t k = 0;
                    for (const JsonValue res : rule["resolutions"].elements()) {
                        QVERIFY(k < r.resolutions.size());
                        QCOMPARE(r.resolutions[k].flow, res["context"]["flow_name"].qstring());
                        QVERIFY2(r.resolutions[k].type == res["type"].qstring(),
                            qPrintable(where + QStringLiteral(" ") + r.ruleType + QStringLiteral(" in ") + r.resolutions[k].flow + QStringLiteral(": ") + r.resolutions[k].type));
                        ++k;
                    }
                    QCOMPARE(k, r.resolutions.size());
                    ++compared;
                }
            }
        }
        QCOMPARE(compared, 11 * 2 * 3); // every artifact, both policies, three rules each
    }

    void noProvenanceAndRequiredAttestations()
    {
        Policy p = *parsePolicy("_schema: https://docs.kosli.com/schemas/policy/v1\nartifacts:\n  provenance: {required: true}\n"
                                "  trail-compliance: {required: true}\n  attestations:\n    - {name: unit-tests, type: junit}\n",
            QStringLiteral("p.yml"));
        ArtifactFacts miner { QString(64, QLatin1Char('b')), QStringLiteral("xmrig"), {} };
        PolicyDecision d = evaluatePolicy(p, miner);
        QCOMPARE(d.status, QStringLiteral("NON-COMPLIANT"));
        QCOMPARE(d.rules[0].resolutions[0].type, QStringLiteral("no_provenance"));
        QCOMPARE(d.rules[2].resolutions[0].type, QStringLiteral("missing_attestation"));

        FlowFact flow { QStringLiteral("web-ci"), {}, QStringLiteral("abc"), QStringLiteral("COMPLIANT"), {}, {}, {}, QString() };
        flow.attestations.push_back({ QStringLiteral("unit-tests"), QStringLiteral("junit"), false, std::nullopt, QString(), QString() });
        ArtifactFacts web { QString(64, QLatin1Char('c')), QStringLiteral("web"), { flow } };
        d = evaluatePolicy(p, web);
        QCOMPARE(d.status, QStringLiteral("NON-COMPLIANT"));
        QCOMPARE(d.rules[2].resolutions[0].type, QStringLiteral("non_compliant_attestation"));
        web.flows[0].attestations[0].compliant = true;
        QCOMPARE(evaluatePolicy(p, web).status, QStringLiteral("COMPLIANT"));
        web.flows[0].artifactStatus = QStringLiteral("INCOMPLETE");
        d = evaluatePolicy(p, web);
        QCOMPARE(d.rules[1].resolutions[0].type, QStringLiteral("non_compliant_in_trail"));
    }
};

QTEST_APPLESS_MAIN(TestPolicy)
#include "tst_policy.moc"
