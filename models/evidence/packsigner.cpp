// SPDX-License-Identifier: GPL-3.0-or-later
#include "packsigner.h"

#include "domain/hash.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace tideline {

namespace {

struct KeyDeleter {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyDeleter>;

QByteArray bioBytes(BIO* bio)
{
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(n));
}

// What a key signs as, or empty when packs and logs are not signed with its kind.
QString algorithmOf(EVP_PKEY* k)
{
    if (EVP_PKEY_get_id(k) == EVP_PKEY_ED25519)
        return QStringLiteral("ed25519");
    if (EVP_PKEY_get_base_id(k) != EVP_PKEY_EC)
        return QString();
    char group[64] = {};
    size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1)
        return QString();
    const QLatin1String name(group, static_cast<qsizetype>(len));
    if (name == QLatin1String("prime256v1") || name == QLatin1String("P-256"))
        return QStringLiteral("ecdsa-p256-sha256");
    if (name == QLatin1String("secp384r1") || name == QLatin1String("P-384"))
        return QStringLiteral("ecdsa-p384-sha384");
    return QString();
}

QString kindOf(EVP_PKEY* k)
{
    if (EVP_PKEY_get_base_id(k) == EVP_PKEY_EC) {
        char group[64] = {};
        size_t len = 0;
        EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len);
        return QStringLiteral("an ECDSA key on %1").arg(QLatin1String(group, static_cast<qsizetype>(len)));
    }
    const char* name = EVP_PKEY_get0_type_name(k);
    return QStringLiteral("a %1 key").arg(QString::fromLatin1(name ? name : "unknown"));
}

const EVP_MD* digestOf(const QString& algorithm)
{
    if (algorithm == QLatin1String("ecdsa-p256-sha256"))
        return EVP_sha256();
    if (algorithm == QLatin1String("ecdsa-p384-sha384"))
        return EVP_sha384();
    return nullptr; // Ed25519 signs the message itself
}

QByteArray spkiDer(EVP_PKEY* k)
{
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(k, &der);
    QByteArray out = n > 0 ? QByteArray(reinterpret_cast<const char*>(der), n) : QByteArray();
    OPENSSL_free(der);
    return out;
}

// Never asks for a passphrase on the terminal: an encrypted key is refused with a message instead.
int noPassphrase(char*, int, int, void* asked)
{
    *static_cast<bool*>(asked) = true;
    return -1;
}

const QString kSupported = QStringLiteral("packs and logs are signed with Ed25519, ECDSA P-256 or ECDSA P-384 keys");

} // namespace

QString signerKeyDescription(const QString& algorithm)
{
    if (algorithm == QLatin1String("ed25519"))
        return QStringLiteral("Ed25519");
    if (algorithm == QLatin1String("ecdsa-p256-sha256"))
        return QStringLiteral("ECDSA P-256");
    if (algorithm == QLatin1String("ecdsa-p384-sha384"))
        return QStringLiteral("ECDSA P-384");
    return algorithm;
}

struct PackSigner::Impl {
    KeyPtr key;
    QString algorithm;
    QByteArray spki;
    QString fingerprint;

    Status adopt(EVP_PKEY* k, const QString& path)
    {
        key.reset(k);
        algorithm = algorithmOf(k);
        if (algorithm.isEmpty())
            return Problem { path, QString(), QStringLiteral("%1: %2").arg(kindOf(k), kSupported) };
        spki = spkiDer(k);
        fingerprint = sha256Hex(spki);
        return {};
    }
};

PackSigner::PackSigner()
    : d(std::make_unique<Impl>())
{
}
PackSigner::~PackSigner() = default;
PackSigner::PackSigner(PackSigner&&) noexcept = default;
PackSigner& PackSigner::operator=(PackSigner&&) noexcept = default;

QString defaultExportKeyPath()
{
    const QString env = qEnvironmentVariable("TIDELINE_EXPORT_KEY");
    if (!env.isEmpty())
        return env;
    // Not AppLocalDataLocation: the window sets an organization name and the command line does not, and
    // both must sign with the same key.
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    dir = dir.isEmpty() ? QDir::home().filePath(QStringLiteral(".local/share/tideline")) : QDir(dir).filePath(QStringLiteral("tideline"));
    return QDir(dir).filePath(QStringLiteral("exporter-ed25519.pem"));
}

Result<PackSigner> PackSigner::load(const QString& path)
{
    QFile f(path);
    if (!f.exists())
        return Problem { path, QString(), QStringLiteral("no such key file") };
    if (!f.open(QIODevice::ReadOnly))
        return Problem { path, QString(), QStringLiteral("cannot read the key: %1").arg(f.errorString()) };
    const QByteArray pem = f.read(1 << 20);
    BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    bool asked = false;
    EVP_PKEY* k = PEM_read_bio_PrivateKey(bio, nullptr, noPassphrase, &asked);
    BIO_free(bio);
    if (!k) {
        if (asked)
            return Problem { path, QString(), QStringLiteral("the key is encrypted with a passphrase: give it unencrypted (openssl pkey -in KEY -out PLAIN)") };
        return Problem { path, QString(), QStringLiteral("not a PEM private key (%1)").arg(kSupported) };
    }
    PackSigner s;
    if (Status st = s.d->adopt(k, path); !st)
        return st.problem();
    return s;
}

Result<PackSigner> PackSigner::loadOrCreate(const QString& path)
{
    if (QFileInfo::exists(path))
        return load(path);
    EVP_PKEY* k = nullptr;
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr);
    const bool made = ctx && EVP_PKEY_keygen_init(ctx) > 0 && EVP_PKEY_keygen(ctx, &k) > 0;
    EVP_PKEY_CTX_free(ctx);
    if (!made)
        return Problem { path, QString(), QStringLiteral("cannot make an Ed25519 key") };
    PackSigner s;
    if (Status st = s.d->adopt(k, path); !st)
        return st.problem();
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, k, nullptr, nullptr, 0, nullptr, nullptr);
    const QByteArray pem = bioBytes(bio);
    BIO_free(bio);
    // Written whole beside the target and moved into place without replacing: another process (or thread)
    // making the key at the same time never reads half a key, and the first key made is the one kept.
    QDir().mkpath(QFileInfo(path).absolutePath());
    QTemporaryFile tmp(path + QStringLiteral(".XXXXXX"));
    tmp.setAutoRemove(true);
    if (!tmp.open() || !tmp.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || tmp.write(pem) != pem.size() || !tmp.flush())
        return Problem { path, QString(), QStringLiteral("cannot write the exporter key: %1").arg(tmp.errorString()) };
    if (tmp.rename(path)) { // rename never replaces an existing file
        tmp.setAutoRemove(false); // it is the key now, no longer a temporary file
    } else {
        if (QFileInfo::exists(path))
            return load(path); // made meanwhile by someone else: theirs is the key
        return Problem { path, QString(), QStringLiteral("cannot write the exporter key") };
    }
    return s;
}

Result<PackSigner> PackSigner::fromSeed(const QByteArray& seed)
{
    if (seed.size() != 32)
        return Problem { QString(), QString(), QStringLiteral("an Ed25519 seed is 32 bytes") };
    EVP_PKEY* k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed.constData()), 32);
    if (!k)
        return Problem { QString(), QString(), QStringLiteral("cannot make an Ed25519 key from the seed") };
    PackSigner s;
    if (Status st = s.d->adopt(k, QString()); !st)
        return st.problem();
    return s;
}

QByteArray PackSigner::sign(const QByteArray& message) const
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t len = 0;
    QByteArray sig;
    const auto* in = reinterpret_cast<const unsigned char*>(message.constData());
    const size_t n = static_cast<size_t>(message.size());
    bool ok = ctx && EVP_DigestSignInit(ctx, nullptr, digestOf(d->algorithm), nullptr, d->key.get()) > 0
        && EVP_DigestSign(ctx, nullptr, &len, in, n) > 0;
    if (ok) {
        sig.resize(static_cast<qsizetype>(len));
        ok = EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len, in, n) > 0;
    }
    EVP_MD_CTX_free(ctx);
    if (!ok)
        return {};
    sig.resize(static_cast<qsizetype>(len));
    return sig;
}

QByteArray PackSigner::publicKeyPem() const
{
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, d->key.get());
    const QByteArray pem = bioBytes(bio);
    BIO_free(bio);
    return pem;
}

QString PackSigner::fingerprint() const { return d->fingerprint; }
QString PackSigner::algorithm() const { return d->algorithm; }
QString PackSigner::description() const { return signerKeyDescription(d->algorithm); }

Result<SignerKey> PackSigner::key() const { return SignerKey { d->fingerprint, d->algorithm, d->spki }; }

Result<QByteArray> PackSigner::signMessage(const QByteArray& message) const
{
    QByteArray sig = sign(message);
    if (sig.isEmpty())
        return Problem { QString(), QString(), QStringLiteral("OpenSSL could not sign with the %1 key").arg(description()) };
    return sig;
}

namespace {

Result<std::pair<KeyPtr, SignerKey>> publicKey(const QByteArray& bytes)
{
    KeyPtr key;
    if (bytes.contains("-----BEGIN")) {
        BIO* bio = BIO_new_mem_buf(bytes.constData(), static_cast<int>(bytes.size()));
        key.reset(PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr));
        BIO_free(bio);
    } else {
        const auto* p = reinterpret_cast<const unsigned char*>(bytes.constData());
        key.reset(d2i_PUBKEY(nullptr, &p, static_cast<long>(bytes.size())));
        if (key && p != reinterpret_cast<const unsigned char*>(bytes.constData()) + bytes.size())
            key.reset(); // bytes after the key: not one DER SubjectPublicKeyInfo
    }
    if (!key)
        return Problem { QString(), QString(), QStringLiteral("not a public key (PEM or DER SubjectPublicKeyInfo)") };
    SignerKey k;
    k.algorithm = algorithmOf(key.get());
    if (k.algorithm.isEmpty())
        return Problem { QString(), QString(), QStringLiteral("%1: %2").arg(kindOf(key.get()), kSupported) };
    k.spki = spkiDer(key.get());
    k.sha256 = sha256Hex(k.spki);
    return std::pair { std::move(key), std::move(k) };
}

} // namespace

Result<SignerKey> PackSigner::describe(const QByteArray& bytes)
{
    Result<std::pair<KeyPtr, SignerKey>> k = publicKey(bytes);
    if (!k)
        return k.problem();
    return std::move(k->second);
}

Result<SignerKey> PackSigner::verify(const QByteArray& publicKeyBytes, const QByteArray& message, const QByteArray& signature)
{
    Result<std::pair<KeyPtr, SignerKey>> k = publicKey(publicKeyBytes);
    if (!k)
        return Problem { QString(), QString(), QStringLiteral("the signer's key: ") + k.problem().message };
    const SignerKey& info = k->second;
    if (info.algorithm == QLatin1String("ed25519") && signature.size() != 64)
        return Problem { QString(), QString(), QStringLiteral("an Ed25519 signature is 64 bytes, not %1").arg(signature.size()) };
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, digestOf(info.algorithm), nullptr, k->first.get()) > 0
        && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.constData()), static_cast<size_t>(signature.size()),
               reinterpret_cast<const unsigned char*>(message.constData()), static_cast<size_t>(message.size()))
            == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok)
        return Problem { QString(), QString(),
            QStringLiteral("the %1 signature does not verify with the key whose sha256 is %2").arg(signerKeyDescription(info.algorithm), info.sha256) };
    return info;
}

} // namespace tideline
