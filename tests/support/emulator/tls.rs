//! The emulator's PKI: a throw-away certificate authority and a server certificate for
//! `127.0.0.1` / `localhost`, both generated at start.
//!
//! Keys are Ed25519 (a fresh 32-byte seed from the system RNG, wrapped as PKCS#8 v1) and the
//! X.509 v3 certificates are encoded here with a minimal DER writer, then signed through rustls'
//! own signing-key API. This keeps the emulator free of any certificate-generation crate; Go's
//! `crypto/x509` (kubectl) and webpki (kube-rs) both accept Ed25519 chains.

use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::sign::SigningKey;
use rustls::{ServerConfig, SignatureScheme};

use super::util;

/// A generated chain: the CA (trust anchor for clients) and the server's certificate and key.
pub struct Pki {
    /// The CA certificate, PEM (what goes into `certificate-authority-data`, base64-encoded).
    pub ca_pem: String,
    /// The CA certificate, DER.
    pub ca_der: Vec<u8>,
    /// The server certificate, DER.
    pub server_der: Vec<u8>,
    /// The server key, PKCS#8 DER.
    pub server_key: Vec<u8>,
}

// --- DER writer -------------------------------------------------------------------------

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn oid(arcs: &[u64]) -> Vec<u8> {
    let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &arc in &arcs[2..] {
        let mut chunk = vec![(arc & 0x7f) as u8];
        let mut rest = arc >> 7;
        while rest > 0 {
            chunk.push(0x80 | (rest & 0x7f) as u8);
            rest >>= 7;
        }
        chunk.reverse();
        body.extend(chunk);
    }
    tlv(0x06, &body)
}

fn name(common_name: &str) -> Vec<u8> {
    let org = seq(&[
        oid(&[2, 5, 4, 10]),
        tlv(0x0c, b"kubectl-density test emulator"),
    ]);
    let cn = seq(&[oid(&[2, 5, 4, 3]), tlv(0x0c, common_name.as_bytes())]);
    seq(&[tlv(0x31, &org), tlv(0x31, &cn)])
}

fn extension(id: &[u64], critical: bool, value: Vec<u8>) -> Vec<u8> {
    let mut parts = vec![oid(id)];
    if critical {
        parts.push(tlv(0x01, &[0xff]));
    }
    parts.push(tlv(0x04, &value));
    seq(&parts)
}

const ED25519: &[u64] = &[1, 3, 101, 112];

/// A fresh Ed25519 key as PKCS#8 v1 (RFC 8410), loaded into rustls.
fn new_key() -> (Vec<u8>, Arc<dyn SigningKey>) {
    let seed: [u8; 32] = util::random_bytes();
    let pkcs8 = seq(&[
        tlv(0x02, &[0]),
        seq(&[oid(ED25519)]),
        tlv(0x04, &tlv(0x04, &seed)),
    ]);
    let der = PrivatePkcs8KeyDer::from(pkcs8.clone());
    let key = rustls::crypto::ring::sign::any_eddsa_type(&der).expect("valid Ed25519 PKCS#8");
    (pkcs8, key)
}

fn serial() -> Vec<u8> {
    let mut s: [u8; 16] = util::random_bytes();
    s[0] = (s[0] & 0x7f) | 0x10; // positive, no leading zero byte needed
    tlv(0x02, &s)
}

/// Builds and signs one certificate.
fn certificate(
    subject_cn: &str,
    issuer_cn: &str,
    subject_key: &dyn SigningKey,
    issuer_key: &dyn SigningKey,
    extensions: Vec<Vec<u8>>,
) -> Vec<u8> {
    let now = util::unix_now();
    let validity = seq(&[
        tlv(0x17, util::utc_time(now - 3600).as_bytes()),
        tlv(0x17, util::utc_time(now + 366 * 86_400).as_bytes()),
    ]);
    let spki = subject_key
        .public_key()
        .expect("Ed25519 key has a public key")
        .to_vec();
    let alg = seq(&[oid(ED25519)]);
    let tbs = seq(&[
        tlv(0xa0, &tlv(0x02, &[2])), // v3
        serial(),
        alg.clone(),
        name(issuer_cn),
        validity,
        name(subject_cn),
        spki,
        tlv(0xa3, &seq(&extensions)),
    ]);
    let signer = issuer_key
        .choose_scheme(&[SignatureScheme::ED25519])
        .expect("Ed25519 signer");
    let signature = signer.sign(&tbs).expect("signing succeeds");
    let mut bits = vec![0u8];
    bits.extend(signature);
    seq(&[tbs, alg, tlv(0x03, &bits)])
}

/// Generates the CA and a server certificate valid for `127.0.0.1`, `::1` and `localhost`.
pub fn generate() -> Pki {
    let (_, ca_key) = new_key();
    let ca_der = certificate(
        "kubectl-density-emulator-ca",
        "kubectl-density-emulator-ca",
        ca_key.as_ref(),
        ca_key.as_ref(),
        vec![
            extension(&[2, 5, 29, 19], true, seq(&[tlv(0x01, &[0xff])])), // CA:TRUE
            extension(&[2, 5, 29, 15], true, tlv(0x03, &[0x01, 0x86])), // digitalSignature, keyCertSign, cRLSign
        ],
    );
    let (server_key, server_signing) = new_key();
    let san = seq(&[
        tlv(0x82, b"localhost"),
        tlv(0x87, &[127, 0, 0, 1]),
        tlv(0x87, &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
    ]);
    let server_der = certificate(
        "127.0.0.1",
        "kubectl-density-emulator-ca",
        server_signing.as_ref(),
        ca_key.as_ref(),
        vec![
            extension(&[2, 5, 29, 19], true, seq(&[])), // CA:FALSE
            extension(&[2, 5, 29, 15], true, tlv(0x03, &[0x07, 0x80])), // digitalSignature
            extension(
                &[2, 5, 29, 37],
                false,
                seq(&[oid(&[1, 3, 6, 1, 5, 5, 7, 3, 1])]),
            ), // serverAuth
            extension(&[2, 5, 29, 17], false, san),
        ],
    );
    Pki {
        ca_pem: util::pem("CERTIFICATE", &ca_der),
        ca_der,
        server_der,
        server_key,
    }
}

/// The rustls server configuration: TLS 1.2 and 1.3, HTTP/1.1 only via ALPN (clients that
/// offer h2, like kubectl, fall back to HTTP/1.1), no client certificates.
pub fn server_config(pki: &Pki) -> Arc<ServerConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions supported")
        .with_no_client_auth()
        .with_single_cert(
            vec![
                CertificateDer::from(pki.server_der.clone()),
                CertificateDer::from(pki.ca_der.clone()),
            ],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(pki.server_key.clone())),
        )
        .expect("server certificate and key match");
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Arc::new(config)
}
