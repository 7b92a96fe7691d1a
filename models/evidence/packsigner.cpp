// SPDX-License-Identifier: GPL-3.0-or-later
#include "packsigner.h"

#include "domain/hash.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <openssl/bio.h>
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

} // namespace

struct PackSigner::Impl {
    KeyPtr key;
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

Result<PackSigner> PackSigner::loadOrCreate(const QString& path)
{
    PackSigner s;
    QFile f(path);
    if (f.exists()) {
        if (!f.open(QIODevice::ReadOnly))
            return Problem { path, QString(), QStringLiteral("cannot read the exporter key: %1").arg(f.errorString()) };
        const QByteArray pem = f.readAll();
        BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
        EVP_PKEY* k = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
        if (!k || EVP_PKEY_get_id(k) != EVP_PKEY_ED25519) {
            EVP_PKEY_free(k);
            return Problem { path, QString(), QStringLiteral("not an Ed25519 private key in PEM") };
        }
        s.d->key.reset(k);
        return s;
    }
    EVP_PKEY* k = nullptr;
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr);
    const bool made = ctx && EVP_PKEY_keygen_init(ctx) > 0 && EVP_PKEY_keygen(ctx, &k) > 0;
    EVP_PKEY_CTX_free(ctx);
    if (!made)
        return Problem { path, QString(), QStringLiteral("cannot make an Ed25519 key") };
    s.d->key.reset(k);
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, k, nullptr, nullptr, 0, nullptr, nullptr);
    const QByteArray pem = bioBytes(bio);
    BIO_free(bio);
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Problem { path, QString(), QStringLiteral("cannot write the exporter key: %1").arg(f.errorString()) };
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (f.write(pem) != pem.size())
        return Problem { path, QString(), QStringLiteral("cannot write the exporter key: %1").arg(f.errorString()) };
    return s;
}

Result<PackSigner> PackSigner::fromSeed(const QByteArray& seed)
{
    if (seed.size() != 32)
        return Problem(QStringLiteral("an Ed25519 seed is 32 bytes"));
    PackSigner s;
    s.d->key.reset(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed.constData()), 32));
    if (!s.d->key)
        return Problem(QStringLiteral("cannot make an Ed25519 key from the seed"));
    return s;
}

QByteArray PackSigner::sign(const QByteArray& message) const
{
    QByteArray sig(64, '\0');
    size_t len = 64;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok = EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, d->key.get()) > 0
        && EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len, reinterpret_cast<const unsigned char*>(message.constData()),
               static_cast<size_t>(message.size()))
            > 0;
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

QString PackSigner::fingerprint() const
{
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(d->key.get(), &der);
    const QString hex = n > 0 ? sha256Hex(std::string_view(reinterpret_cast<const char*>(der), static_cast<size_t>(n))) : QString();
    OPENSSL_free(der);
    return hex;
}

Status PackSigner::verify(const QByteArray& publicKeyPem, const QByteArray& message, const QByteArray& signature)
{
    BIO* bio = BIO_new_mem_buf(publicKeyPem.constData(), static_cast<int>(publicKeyPem.size()));
    KeyPtr key(PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    if (!key)
        return Problem(QStringLiteral("the signer's public key does not load"));
    if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
        return Problem(QStringLiteral("the signer's key is not Ed25519"));
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key.get()) > 0
        && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.constData()), static_cast<size_t>(signature.size()),
               reinterpret_cast<const unsigned char*>(message.constData()), static_cast<size_t>(message.size()))
            == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok)
        return Problem(QStringLiteral("the signature does not verify"));
    return {};
}

} // namespace tideline
