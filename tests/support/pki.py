"""Throw-away certificates for the TLS tests, made at test time (``cryptography``), valid for a day.

``make_pki(directory)`` writes a CA, a server certificate for localhost and 127.0.0.1
signed by it, a client certificate signed by it, and a client certificate signed by
another CA that the server does not trust; every file is PEM.
"""
from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

LIFETIME = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Pki:
    ca: Path              #: the CA that signed the server's and the client's certificates
    server_cert: Path
    server_key: Path
    client_cert: Path
    client_key: Path
    stranger_cert: Path   #: a client certificate from another CA
    stranger_key: Path
    other_ca: Path        #: that other CA


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(subject: x509.Name, issuer: x509.Name, key, now: datetime.datetime) -> x509.CertificateBuilder:
    return (x509.CertificateBuilder()
            .subject_name(subject).issuer_name(issuer).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + LIFETIME)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))


def _ca(common_name: str, now: datetime.datetime):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (_builder(_name(common_name), _name(common_name), key, now)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False),
                           critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def _leaf(common_name: str, ca_key, ca_cert, now: datetime.datetime, server: bool):
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (_builder(_name(common_name), ca_cert.subject, key, now)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
               .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH if server
                                                     else ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False))
    if server:
        builder = builder.add_extension(x509.SubjectAlternativeName([
            x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    return key, builder.sign(ca_key, hashes.SHA256())


def _write(directory: Path, name: str, key, cert) -> tuple[Path, Path]:
    cert_path, key_path = directory / f"{name}.pem", directory / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    if key is not None:
        key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
        key_path.chmod(0o600)
    return cert_path, key_path


def make_pki(directory: Path) -> Pki:
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, ca_cert = _ca("quotes test CA", now)
    other_key, other_cert = _ca("some other CA", now)
    ca, _ = _write(directory, "ca", None, ca_cert)
    other_ca, _ = _write(directory, "other-ca", None, other_cert)
    server_cert, server_key = _write(directory, "server", *_leaf("localhost", ca_key, ca_cert, now, server=True))
    client_cert, client_key = _write(directory, "client", *_leaf("a client", ca_key, ca_cert, now, server=False))
    stranger_cert, stranger_key = _write(directory, "stranger",
                                         *_leaf("a stranger", other_key, other_cert, now, server=False))
    return Pki(ca, server_cert, server_key, client_cert, client_key, stranger_cert, stranger_key, other_ca)
