// SPDX-License-Identifier: GPL-3.0-or-later
// verify, evidence, keys: the evidence side of the command line.

#include "cli/cli.h"
#include "cli/command.h"
#include "cli/output.h"

#include "domain/digest.h"
#include "evidence/evidencefile.h"
#include "evidence/evidenceindex.h"
#include "evidence/trust.h"
#include "evidence/verifier.h"
#include "store/casefile.h"
#include "store/logstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tideline::cli {

namespace {

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
        { QStringLiteral("log"), text(v.log) }, { QStringLiteral("proven"), v.verdict == Verification::Verified },
        { QStringLiteral("anchor_sha256"), text(v.anchorSha256) },
        { QStringLiteral("trust"), v.keyId || v.trustedRootId ? QJsonValue(toJson(v.trust)) : QJsonValue() } };
}

QString verdictLine(const VerificationOutcome& v)
{
    QString s = verificationName(v.verdict);
    // What made it verified and how the case came to trust that; for an untrusted one, where it came from.
    const QString trust = v.keyId || v.trustedRootId ? QStringLiteral(", ") + v.trust.text() : QString();
    if (v.verdict == Verification::Verified && !v.signer.isEmpty())
        s += QStringLiteral(" (signer %1, trusted root '%2'%3)").arg(v.signer, v.trustedRoot, trust);
    else if (v.verdict == Verification::Verified && !v.keyName.isEmpty())
        s += QStringLiteral(" (key '%1'%2)").arg(v.keyName, trust);
    else if ((v.verdict == Verification::UntrustedKey || v.verdict == Verification::UntrustedCertificate) && !trust.isEmpty())
        s += QStringLiteral(" (%1 '%2'%3)").arg(v.keyId ? QStringLiteral("key") : QStringLiteral("trusted root"), v.keyId ? v.keyName : v.trustedRoot, trust);
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
        const Result<std::vector<EvidenceRecord>> read = unbound ? index.unbound() : index.all();
        if (!read)
            return fail(read.problem(), Usage);
        const std::vector<EvidenceRecord>& list = *read;
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

    const Result<ArtifactEvidence> read = index.forFingerprint(fp);
    if (!read)
        return fail(read.problem(), Usage);
    const ArtifactEvidence& a = *read;
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

QString trustCell(const TrustRecord& t)
{
    if (t.trusted)
        return QStringLiteral("yes");
    return t.by.isEmpty() ? QStringLiteral("NO") : QStringLiteral("NO (taken back)");
}

QString partWindow(const TrustedRootPart& part)
{
    return QStringLiteral("%1 .. %2").arg(timefmt::formatIso(part.validFrom), part.validUntil ? timefmt::formatIso(*part.validUntil) : QStringLiteral("(open)"));
}

int keysTrustCommand(QCommandLineParser& p, bool trusted, const QString& which)
{
    auto kase = openCase(p, true);
    if (!kase)
        return Usage;
    const QString actor = LogStore::defaultActor();
    Result<TrustChange> r = changeTrust(*kase, which, trusted, actor, trusted ? QStringLiteral("keys trust") : QStringLiteral("keys untrust"));
    if (!r)
        return fail(r.problem(), Usage);
    const AnchorImport& a = r->anchor;
    if (json(p)) {
        QJsonObject o = toJson(a);
        o.insert(QStringLiteral("changed"), r->changed);
        o.insert(QStringLiteral("reverified"), r->reverified);
        printJson(o);
        return Ok;
    }
    const QString what = a.kind == QLatin1String("key") ? QStringLiteral("key") : QStringLiteral("trusted root");
    if (!r->changed)
        out(QStringLiteral("%1 '%2' is already %3: nothing changed").arg(what, a.name, trusted ? QStringLiteral("trusted") : QStringLiteral("untrusted")));
    else
        out(QStringLiteral("%1 '%2' (sha256 %3): %4; %5 piece%6 of evidence verified again with a new verdict. Recorded in the case's log.")
                .arg(what, a.name, a.sha256, a.trust.text())
                .arg(r->reverified)
                .arg(r->reverified == 1 ? QString() : QStringLiteral("s")));
    return Ok;
}

int keysCommand(QCommandLineParser& p)
{
    const QStringList args = p.positionalArguments();
    if (!args.isEmpty()) {
        if (args.size() == 2 && (args[0] == QLatin1String("trust") || args[0] == QLatin1String("untrust")))
            return keysTrustCommand(p, args[0] == QLatin1String("trust"), args[1]);
        return fail(QStringLiteral("keys: give nothing (to list), or trust NAME|SHA256, or untrust NAME|SHA256"), Usage);
    }
    auto kase = openCase(p, false);
    if (!kase)
        return Usage;
    EvidenceIndex index(*kase);
    const Result<std::vector<KeyRecord>> readKeys = index.keys();
    if (!readKeys)
        return fail(readKeys.problem(), Usage);
    const Result<std::vector<TrustedRootRecord>> readRoots = index.trustedRoots();
    if (!readRoots)
        return fail(readRoots.problem(), Usage);
    const std::vector<KeyRecord>& keys = *readKeys;
    const std::vector<TrustedRootRecord>& roots = *readRoots;
    if (json(p)) {
        QJsonArray a, r;
        for (const KeyRecord& k : keys)
            a.append(QJsonObject { { QStringLiteral("name"), k.name }, { QStringLiteral("algorithm"), k.algorithm }, { QStringLiteral("sha256"), k.sha256 },
                { QStringLiteral("hint"), k.hint }, { QStringLiteral("source_sha256"), k.sourceSha256 }, { QStringLiteral("imported_at"), time(k.importedAt) },
                { QStringLiteral("trusted"), k.trust.trusted }, { QStringLiteral("trust"), toJson(k.trust) } });
        for (const TrustedRootRecord& root : roots) {
            QJsonArray parts;
            for (const TrustedRootPart& part : root.parts)
                parts.append(QJsonObject { { QStringLiteral("kind"), part.kind }, { QStringLiteral("name"), part.name },
                    { QStringLiteral("valid_from"), time(part.validFrom) }, { QStringLiteral("valid_until"), part.validUntil ? time(*part.validUntil) : QJsonValue() } });
            r.append(QJsonObject { { QStringLiteral("name"), root.name }, { QStringLiteral("sha256"), root.sha256 },
                { QStringLiteral("source_sha256"), root.sourceSha256 }, { QStringLiteral("imported_at"), time(root.importedAt) },
                { QStringLiteral("trusted"), root.trust.trusted }, { QStringLiteral("trust"), toJson(root.trust) }, { QStringLiteral("parts"), parts } });
        }
        printJson(QJsonObject { { QStringLiteral("keys"), a }, { QStringLiteral("trusted_roots"), r } });
        return Ok;
    }
    if (keys.empty() && roots.empty()) {
        out(QStringLiteral("no keys or trusted roots in the case: import public keys (PEM) and Sigstore trusted roots with `tideline import`"));
        return Ok;
    }
    if (!keys.empty()) {
        std::vector<QStringList> rows;
        for (const KeyRecord& k : keys)
            rows.push_back({ k.name, k.algorithm, k.sha256, trustCell(k.trust), k.trust.origin, k.trust.trusted || !k.trust.by.isEmpty() ? k.trust.text() : QString() });
        printTable({ QStringLiteral("NAME"), QStringLiteral("ALGORITHM"), QStringLiteral("SHA256 (SPKI)"), QStringLiteral("TRUSTED"),
                       QStringLiteral("CAME"), QStringLiteral("TRUST") },
            rows);
    }
    if (!roots.empty()) {
        if (!keys.empty())
            out(QString());
        std::vector<QStringList> rows;
        for (const TrustedRootRecord& root : roots)
            rows.push_back({ root.name, root.sha256, trustCell(root.trust), root.trust.origin,
                root.trust.trusted || !root.trust.by.isEmpty() ? root.trust.text() : QString() });
        printTable({ QStringLiteral("TRUSTED ROOT"), QStringLiteral("SHA256 (FILE)"), QStringLiteral("TRUSTED"), QStringLiteral("CAME"), QStringLiteral("TRUST") }, rows);
        for (const TrustedRootRecord& root : roots) {
            out(QStringLiteral("%1:").arg(root.name));
            for (const TrustedRootPart& part : root.parts)
                out(QStringLiteral("  %1  %2  %3").arg(part.kind.leftJustified(21), partWindow(part), part.name));
        }
    }
    bool untrusted = false;
    for (const KeyRecord& k : keys)
        untrusted = untrusted || !k.trust.trusted;
    for (const TrustedRootRecord& root : roots)
        untrusted = untrusted || !root.trust.trusted;
    if (untrusted)
        out(QStringLiteral("\nWhat an untrusted key or root verifies is untrusted-key / untrusted-certificate, never verified: trust one with "
                           "`tideline keys --case %1 trust NAME`.")
                .arg(p.value(QStringLiteral("case"))));
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
        { QStringLiteral("keys"), QStringLiteral("keys --case CASE [trust NAME|SHA256 | untrust NAME|SHA256]"),
            QStringLiteral("the public keys and Sigstore trusted roots the case verifies evidence with, whether each is trusted and why; trust one, or stop trusting it"),
            [](QCommandLineParser& p) {
                p.addOptions({ caseOption(), jsonOption() });
                p.addPositionalArgument(QStringLiteral("trust|untrust"), QStringLiteral("trust or untrust, then the key's or root's name or sha256."),
                    QStringLiteral("[trust|untrust NAME|SHA256]"));
            },
            keysCommand },
    };
}

} // namespace tideline::cli
