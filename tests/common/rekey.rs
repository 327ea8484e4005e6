//! A re-keyed root (reviews 77 and 79): the test root's name under a second key K2
//! (individual_auth's), with the link certificates both ways and K2's certificates of
//! nca_rsa's name and key, beside a second certificate of nca_rsa under the old key.

use std::sync::OnceLock;

use qoltanba::Certificate;

use super::anchors::nca;
use super::cycles::{cert_of, root};
use super::evidence as ev;
use super::forge::{self, int};

/// R2 (the root's name, K2, self-signed), L21 (the link: the root's name, K2, signed by
/// the old key K1), L12 (the root's name, K1, signed by K2), N2 (R2's certificate of
/// nca_rsa's name and key: the target's issuer, signed by K2); N1b (R1's, i.e. the test
/// root's, certificate of nca_rsa's name and key, another serial: a second issuer of the
/// target, signed by K1), N2b (K2's second certificate of nca_rsa's name and key, another
/// serial); and K2 as a CA.
pub struct Rekey {
    pub k2: forge::Ca,
    pub r2: Certificate,
    pub l21: Certificate,
    pub l12: Certificate,
    pub n2: Certificate,
    pub n1b: Certificate,
    pub n2b: Certificate,
}

/// The re-keyed root, made once per test binary.
pub fn rekey() -> &'static Rekey {
    static R: OnceLock<Rekey> = OnceLock::new();
    R.get_or_init(|| {
        let root_cer = root();
        let k2key = "individual_auth";
        let spki2 = forge::Tbs::of(ev::cert(&format!("{k2key}.cer")).der()).spki;
        let self_signer = forge::Ca {
            cert: root_cer.der().to_vec(),
            key: ev::key(&format!("{k2key}.key.pem")),
        };
        let r2der = self_signer.reissue(root_cer.der(), |t| {
            t.serial = int(&[0x79, 0x60]);
            t.spki = spki2.clone();
        });
        let k2 = forge::Ca {
            cert: r2der.clone(),
            key: ev::key(&format!("{k2key}.key.pem")),
        };
        let l21 = cert_of(&ev::root().reissue(root_cer.der(), |t| {
            t.serial = int(&[0x79, 0x61]);
            t.spki = spki2.clone();
        }));
        let l12 = cert_of(&k2.reissue(root_cer.der(), |t| t.serial = int(&[0x79, 0x62])));
        let n2 = cert_of(&k2.reissue(nca().der(), |t| t.serial = int(&[0x79, 0x63])));
        let n1b = cert_of(&ev::root().reissue(nca().der(), |t| t.serial = int(&[0x79, 0x64])));
        let n2b = cert_of(&k2.reissue(nca().der(), |t| t.serial = int(&[0x79, 0x65])));
        Rekey {
            k2,
            r2: cert_of(&r2der),
            l21,
            l12,
            n2,
            n1b,
            n2b,
        }
    })
}
