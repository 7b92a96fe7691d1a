// SPDX-License-Identifier: GPL-3.0-or-later
// verify, evidence, keys: the evidence side of the command line.

#include "cli/cli.h"
#include "cli/command.h"
#include "cli/output.h"

#include "domain/digest.h"
#include "evidence/evidencefile.h"
#include "evidence/evidenceindex.h"
#include "evidence/verifier.h"
#include "store/casefile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tideline::cli {

namespace {

QJsonValue text(const QString& s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); }
QJsonValue flag(const std::optional<bool>& b) { return b ? QJsonValue(*b) : QJsonValue(); }

QJsonObject signatureJson(const SignatureCheck& c)
{
    QJsonObject o { { QStringLiteral("keyid"), text(c.keyid) }, { QStringLiteral("key"), text(c.key) },
        { QStringLiteral("result"), verificationName(c.result) }, { QStringLiteral("detail"), c.detail } };
    if (!c.signer.isEmpty() || !c.issuer.isEmpty()) {
        o.insert(QStringLiteral("signer"), text(c.signer));
        o.insert(QStringLiteral("issuer"), text(c.issuer));
    }
    return o;
}

// What made a verdict: the key or the certificate's signer and the root it chained to, with the proven time.
QJsonObject proofJson(const VerificationOutcome& v)
{
    return QJsonObject { { QStringLiteral("key"), text(v.keyName) }, { QStringLiteral("signer"), text(v.signer) },
        { QStringLiteral("issuer"), text(v.issuer) }, { QStringLiteral("trusted_root"), text(v.trustedRoot) },
        { QStringLiteral("signed_at"), v.signedAt ? time(*v.signedAt) : QJsonValue() }, { QStringLiteral("time_source"), text(v.timeSource) },
        { QStringLiteral("log"), text(v.log) }, { QStringLiteral("proven"), v.verdict == Verification::Verified } };
}

QString verdictLine(const VerificationOutcome& v)
{
    QString s = verificationName(v.verdict);
    if (v.verdict == Verification::Verified && !v.signer.isEmpty())
        s += QStringLiteral(" (signer %1, trusted root '%2')").arg(v.signer, v.trustedRoot);
    else if (v.verdict == Verification::Verified && !v.keyName.isEmpty())
        s += QStringLiteral(" (key '%1')").arg(v.keyName);
    return s;
}

int verifyCommand(QCommandLineParser& p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 1)
        return fail(QStringLiteral("verify: give one file (a DSSE envelope, in-toto file or Sigstore bundle)"), Usage);
    Result<VerifyReport> r = verifyFile(args.first(), p.values(QStringLiteral("key")), p.value(QStringLiteral("artifact")),
        p.values(QStringLiteral("trusted-root")));
    if (!r)
        return fail(r.problem(), Usage);
    const VerifyReport& v = *r;
    if (json(p)) {
        QJsonArray signatures, parts, warnings;
        for (const EvidenceRecord& part : v.parts)
            for (const SignatureCheck& c : part.verification.signatures)
                signatures.append(signatureJson(c));
        for (const EvidenceRecord& part : v.parts)
            parts.append(QJsonObject { { QStringLiteral("format"), part.format }, { QStringLiteral("kind"), part.kind },
                { QStringLiteral("predicate_type"), text(part.predicateType) }, { QStringLiteral("verdict"), verificationName(part.verification.verdict) },
                { QStringLiteral("detail"), part.verification.detail } });
        for (const Problem& w : v.warnings)
            warnings.append(toJson(w));
        QJsonObject o { { QStringLiteral("file"), v.file }, { QStringLiteral("format"), v.format }, { QStringLiteral("kind"), v.kind },
            { QStringLiteral("predicate_type"), text(v.predicateType) }, { QStringLiteral("subjects"), subjectsJson(v.subjects, v.subjects.size()) },
            { QStringLiteral("signatures"), signatures }, { QStringLiteral("verdict"), verificationName(v.outcome.verdict) },
            { QStringLiteral("detail"), v.outcome.detail }, { QStringLiteral("key"), text(v.outcome.keyName) },
            { QStringLiteral("proof"), proofJson(v.outcome) }, { QStringLiteral("keys"), QJsonArray::fromStringList(v.keys) },
            { QStringLiteral("warnings"), warnings } };
        if (v.parts.size() > 1)
            o.insert(QStringLiteral("parts"), parts);
        if (!v.artifact.isEmpty())
            o.insert(QStringLiteral("artifact"), QJsonObject { { QStringLiteral("path"), v.artifact }, { QStringLiteral("sha256"), v.artifactSha256 },
                                                      { QStringLiteral("matches"), flag(v.artifactMatches) } });
        printJson(o);
    } else {
        out(QStringLiteral("%1: %2").arg(v.file, verdictLine(v.outcome)));
        out(QStringLiteral("  format     %1%2").arg(v.format, v.predicateType.isEmpty() ? QString() : QStringLiteral(", ") + v.predicateType));
        for (const Subject& s : v.subjects)
            out(QStringLiteral("  subject    %1 %2").arg(s.sha256.isEmpty() ? QStringLiteral("(no sha256)") : s.sha256, s.name));
        for (const EvidenceRecord& part : v.parts)
            for (const SignatureCheck& c : part.verification.signatures)
                out(QStringLiteral("  signature  %1%2: %3").arg(verificationName(c.result), c.keyid.isEmpty() ? QString() : QStringLiteral(" keyid ") + c.keyid, c.detail));
        if (!v.outcome.detail.isEmpty())
            out(QStringLiteral("  detail     ") + v.outcome.detail);
        if (!v.outcome.signer.isEmpty())
            out(QStringLiteral("  signer     %1 (issuer %2)%3").arg(v.outcome.signer, v.outcome.issuer,
                v.outcome.verdict == Verification::Verified ? QString() : QStringLiteral(", as the certificate claims: not proven")));
        for (const Problem& w : v.warnings)
            out(QStringLiteral("  warning    ") + w.toString());
    }
    return v.outcome.verdict == Verification::Verified ? Ok : Negative;
}

QJsonObject evidenceJson(const EvidenceRecord& e, const std::set<qint64>* current)
{
    QString name = e.name;
    QJsonArray via;
    for (const Binding& b : e.bindings) {
        if (name.isEmpty())
            name = b.name;
        via.append(QJsonObject { { QStringLiteral("fingerprint"), b.fingerprint }, { QStringLiteral("name"), text(b.name) },
            { QStringLiteral("via"), b.via }, { QStringLiteral("subject"), text(b.subject) }, { QStringLiteral("at"), time(b.attestedAt) } });
    }
    if (!e.bindings.empty() && !e.bindings.front().name.isEmpty())
        name = e.bindings.front().name;
    const QJsonDocument summary = QJsonDocument::fromJson(e.summary.toUtf8());
    QJsonArray signatures;
    for (const SignatureCheck& c : e.verification.signatures)
        signatures.append(signatureJson(c));
    QJsonObject o { { QStringLiteral("id"), e.id }, { QStringLiteral("name"), text(name) }, { QStringLiteral("kind"), e.kind },
        { QStringLiteral("type"), e.type }, { QStringLiteral("format"), e.format }, { QStringLiteral("source_sha256"), e.sourceSha256 },
        { QStringLiteral("source"), e.sourceName }, { QStringLiteral("compliant"), flag(e.compliant) },
        { QStringLiteral("verification"), verificationName(e.verification.verdict) }, { QStringLiteral("verification_detail"), e.verification.detail },
        { QStringLiteral("key"), text(e.verification.keyName) }, { QStringLiteral("proof"), proofJson(e.verification) },
        { QStringLiteral("signatures"), signatures }, { QStringLiteral("predicate_type"), text(e.predicateType) }, { QStringLiteral("flow"), text(e.flow) },
        { QStringLiteral("trail"), text(e.trail) }, { QStringLiteral("kosli_id"), text(e.kosliId) },
        { QStringLiteral("created_at"), e.createdAt ? time(*e.createdAt) : QJsonValue() }, { QStringLiteral("imported_at"), time(e.importedAt) },
        { QStringLiteral("bindings"), via }, { QStringLiteral("summary"), summary.isObject() ? QJsonValue(summary.object()) : QJsonValue() } };
    if (current)
        o.insert(QStringLiteral("current"), current->count(e.id) > 0);
    return o;
}

QString evidenceLine(const EvidenceRecord& e, const std::set<qint64>* current)
{
    QString name = e.name;
    for (const Binding& b : e.bindings)
        if (name.isEmpty())
            name = b.name;
    const QString compliance = !e.compliant ? QStringLiteral("no claim") : *e.compliant ? QStringLiteral("compliant") : QStringLiteral("NON-COMPLIANT");
    return QStringLiteral("#%1  %2  %3 %4  %5, %6%7  (%8)")
        .arg(e.id)
        .arg(name.isEmpty() ? QStringLiteral("(unnamed)") : name, e.kind, e.type == e.kind ? QString() : e.type, compliance, verdictLine(e.verification),
            current && !current->count(e.id) ? QStringLiteral(", superseded") : QString(), e.sourceName);
}

int evidenceCommand(QCommandLineParser& p)
{
    const bool unbound = p.isSet(QStringLiteral("unbound"));
    QString fp = p.value(QStringLiteral("fingerprint"));
    if (!fp.isEmpty()) {
        const auto d = digest::normalize(fp.toStdString());
        if (!d)
            return fail(QStringLiteral("--fingerprint '%1' is not a sha256 fingerprint (64 hex characters)").arg(fp), Usage);
        fp = QString::fromStdString(*d);
    }
    if (!fp.isEmpty() && unbound)
        return fail(QStringLiteral("evidence: give --fingerprint FP or --unbound, not both"), Usage);
    auto kase = openCase(p, false);
    if (!kase)
        return Usage;
    EvidenceIndex index(*kase);

    if (fp.isEmpty()) {
        const std::vector<EvidenceRecord> list = unbound ? index.unbound() : index.all();
        if (json(p)) {
            QJsonArray a;
            for (const EvidenceRecord& e : list)
                a.append(evidenceJson(e, nullptr));
            QJsonObject o { { QStringLiteral("evidence"), a } };
            if (unbound)
                o.insert(QStringLiteral("unbound"), true);
            printJson(o);
        } else {
            if (list.empty())
                out(unbound ? QStringLiteral("no unbound evidence") : QStringLiteral("no evidence in the case"));
            for (const EvidenceRecord& e : list)
                out(evidenceLine(e, nullptr));
        }
        return Ok;
    }

    const ArtifactEvidence a = index.forFingerprint(fp);
    if (json(p)) {
        QJsonArray evidence, provenance, trails;
        for (const EvidenceRecord& e : a.evidence)
            evidence.append(evidenceJson(e, &a.current));
        for (const ProvenanceRecord& pr : a.provenance)
            provenance.append(QJsonObject { { QStringLiteral("flow"), pr.flow }, { QStringLiteral("trail"), text(pr.trail) },
                { QStringLiteral("template_name"), text(pr.templateName) }, { QStringLiteral("artifact_name"), text(pr.artifactName) },
                { QStringLiteral("status"), text(pr.status) }, { QStringLiteral("is_compliant"), flag(pr.isCompliant) } });
        for (const TemplateEvaluation& ev : a.evaluations)
            trails.append(QJsonObject { { QStringLiteral("flow"), ev.flow }, { QStringLiteral("trail"), text(ev.trail) },
                { QStringLiteral("artifact"), text(ev.artifact) }, { QStringLiteral("state"), templateStateName(ev.state) },
                { QStringLiteral("has_template"), ev.hasTemplate }, { QStringLiteral("missing"), QJsonArray::fromStringList(ev.missing) },
                { QStringLiteral("non_compliant"), QJsonArray::fromStringList(ev.nonCompliant) },
                { QStringLiteral("pending"), QJsonArray::fromStringList(ev.pending) },
                { QStringLiteral("unexpected"), QJsonArray::fromStringList(ev.unexpected) } });
        printJson(QJsonObject { { QStringLiteral("fingerprint"), fp }, { QStringLiteral("evidence"), evidence },
            { QStringLiteral("provenance"), provenance }, { QStringLiteral("trails"), trails } });
    } else {
        if (a.evidence.empty() && a.provenance.empty())
            out(QStringLiteral("no evidence for %1").arg(fp));
        for (const EvidenceRecord& e : a.evidence)
            out(evidenceLine(e, &a.current));
        for (const TemplateEvaluation& ev : a.evaluations)
            out(QStringLiteral("%1 in %2/%3 as '%4'%5%6")
                    .arg(templateStateName(ev.state), ev.flow, ev.trail, ev.artifact)
                    .arg(ev.missing.isEmpty() ? QString() : QStringLiteral(", missing: ") + ev.missing.join(QStringLiteral(", ")),
                        ev.nonCompliant.isEmpty() ? QString() : QStringLiteral(", non-compliant: ") + ev.nonCompliant.join(QStringLiteral(", "))));
    }
    return a.evidence.empty() && a.provenance.empty() ? Negative : Ok;
}

int keysCommand(QCommandLineParser& p)
{
    auto kase = openCase(p, false);
    if (!kase)
        return Usage;
    EvidenceIndex index(*kase);
    const std::vector<KeyRecord> keys = index.keys();
    if (json(p)) {
        QJsonArray a;
        for (const KeyRecord& k : keys)
            a.append(QJsonObject { { QStringLiteral("name"), k.name }, { QStringLiteral("algorithm"), k.algorithm }, { QStringLiteral("sha256"), k.sha256 },
                { QStringLiteral("hint"), k.hint }, { QStringLiteral("source_sha256"), k.sourceSha256 }, { QStringLiteral("imported_at"), time(k.importedAt) } });
        printJson(QJsonObject { { QStringLiteral("keys"), a } });
        return Ok;
    }
    std::vector<QStringList> rows;
    for (const KeyRecord& k : keys)
        rows.push_back({ k.name, k.algorithm, k.sha256, timefmt::formatIso(k.importedAt) });
    if (rows.empty())
        out(QStringLiteral("no keys in the case: import public keys (PEM) with `tideline import`"));
    else
        printTable({ QStringLiteral("NAME"), QStringLiteral("ALGORITHM"), QStringLiteral("SHA256 (SPKI)"), QStringLiteral("IMPORTED") }, rows);
    return Ok;
}

} // namespace

std::vector<Command> evidenceCommands()
{
    return {
        { QStringLiteral("verify"), QStringLiteral("verify FILE [--key PUBKEY]… [--trusted-root FILE]… [--artifact FILE]"),
            QStringLiteral("verify a DSSE envelope, in-toto file or Sigstore bundle against public keys"),
            [](QCommandLineParser& p) {
                p.addOptions({ jsonOption(), opt(QStringLiteral("key"), QStringLiteral("A public key (PEM, DER or certificate); repeatable."), QStringLiteral("PUBKEY")),
                    opt(QStringLiteral("trusted-root"), QStringLiteral("A Sigstore trusted_root.json keyless bundles are verified against; repeatable."), QStringLiteral("FILE")),
                    opt(QStringLiteral("artifact"), QStringLiteral("The artifact the evidence is about: its sha256 must be what it signs."), QStringLiteral("FILE")) });
                p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The evidence file."));
            },
            verifyCommand },
        { QStringLiteral("evidence"), QStringLiteral("evidence --case CASE [--fingerprint FP | --unbound]"),
            QStringLiteral("the evidence bound to an artifact, its provenance and template compliance; or the unbound evidence"),
            [](QCommandLineParser& p) {
                p.addOptions({ caseOption(), jsonOption(), opt(QStringLiteral("fingerprint"), QStringLiteral("The artifact's sha256 fingerprint."), QStringLiteral("FP")),
                    opt(QStringLiteral("unbound"), QStringLiteral("List the evidence bound to no artifact.")) });
            },
            evidenceCommand },
        { QStringLiteral("keys"), QStringLiteral("keys --case CASE"), QStringLiteral("the public keys the case verifies evidence with"),
            [](QCommandLineParser& p) { p.addOptions({ caseOption(), jsonOption() }); }, keysCommand },
    };
}

} // namespace tideline::cli
