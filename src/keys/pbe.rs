//! Password-based encryption and MACs of key containers, over RustCrypto primitives.
//!
//! * PKCS#12 key derivation (RFC 7292 appendix B.2) with SHA-1 / SHA-2;
//! * PKCS#12 PBE (RFC 7292 appendix C): pbeWithSHAAnd3-KeyTripleDES-CBC,
//!   pbeWithSHAAnd2-KeyTripleDES-CBC, pbeWithSHAAnd128BitRC2-CBC, pbewithSHAAnd40BitRC2-CBC;
//! * PBES2 (RFC 8018) with PBKDF2-HMAC-SHA1/SHA-2 and AES-CBC or DES-EDE3-CBC;
//! * the PKCS#12 MAC (HMAC keyed by the PKCS#12 KDF with ID 3, or PBMAC1 is refused).
//!
//! Every iteration count and salt is bounded before any work is done, and so is the work of
//! all the derivations one reading of a key file does together ([`MAX_KDF_WORK`]): a file
//! chooses how many derivations it needs (a MAC, up to 64 encrypted contents, up to 16
//! shrouded keys) and each one's hash and output length. Derived keys and plaintexts are
//! held in [`Zeroizing`] buffers.

use std::cell::Cell;

use cbc::cipher::{block_padding::Pkcs7, BlockModeDecrypt, InnerIvInit, KeyInit, KeyIvInit};
use hmac::{Hmac, Mac};
use sha2::Digest;
use zeroize::Zeroizing;

use crate::ber::{self, tag, AlgId, Tlv};
use crate::error::{Error, Result};
use crate::oid::{
    AES128_CBC, AES192_CBC, AES256_CBC, DES_EDE3_CBC, HMAC_SHA1, HMAC_SHA224, HMAC_SHA256,
    HMAC_SHA384, HMAC_SHA512, PBES2, PBE_SHA_2DES, PBE_SHA_3DES, PBE_SHA_RC2_128, PBE_SHA_RC2_40,
    PBE_SHA_RC4_128, PBE_SHA_RC4_40, PBKDF2, PBMAC1, PKCS5_PREFIX, SCRYPT,
};
use crate::signature::HashAlgorithm;

/// Highest iteration count accepted for any key derivation (NCA uses 1024, OpenSSL 3
/// 2048, current recommendations up to a few hundred thousand for PBKDF2).
pub const MAX_ITERATIONS: u64 = 10_000_000;
/// Longest salt accepted.
const MAX_SALT_LEN: usize = 1024;

/// Most key-derivation work one reading of a key file may do (one
/// [`crate::keys::open_pkcs12`] or [`crate::keys::SigningKey::from_pkcs8`] call), across
/// all its derivations, in units of about one hash compression: an iteration of the
/// PKCS#12 KDF costs 1 per output block of its hash, an iteration of PBKDF2 (an HMAC) 2 per
/// output block, and SHA-384 / SHA-512 five times as much (no hardware support; measured).
/// A unit is about 0.1 µs, so a reading derives keys for at most about two seconds. Files
/// as written hold a MAC and two or three derivations: NCA's of 2,048 iterations cost
/// about 16,000 units, OpenSSL 3's about 12,000, and three derivations at the 600,000
/// PBKDF2-HMAC-SHA-256 iterations recommended today 3.6 million. (Without this bound a
/// file of 64 encrypted contents at [`MAX_ITERATIONS`] each took minutes, and one
/// PBKDF2-HMAC-SHA-512 derivation at [`MAX_ITERATIONS`] eleven seconds.)
pub const MAX_KDF_WORK: u64 = 20_000_000;

/// Key-derivation work shared by several readings of key files: the containers one HTTP
/// request opens. [`MAX_KDF_WORK`] bounds each reading, but a request may carry several
/// containers, each just under it (review 27 measured four of them, 16 KB of request, at
/// 6.7 s of one core): every reading made with the same budget charges it too, and a
/// derivation that would take it past its limit is refused before it is done, whichever
/// container asks for it.
///
/// Readings of one request run on one thread, one after another: the count is a [`Cell`].
pub(crate) struct KdfBudget {
    limit: u64,
    spent: Cell<u64>,
}

impl KdfBudget {
    /// A budget of `limit` units (the units of [`MAX_KDF_WORK`]), none spent.
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) fn new(limit: u64) -> KdfBudget {
        KdfBudget {
            limit,
            spent: Cell::new(0),
        }
    }

    /// The units charged so far.
    #[cfg(test)]
    pub(crate) fn spent(&self) -> u64 {
        self.spent.get()
    }
}

/// A password as given by the caller, in the two forms the standards use, for one reading
/// of a key file: it also counts the key-derivation work done with it against
/// [`MAX_KDF_WORK`], and against the [`KdfBudget`] the reading shares with others, if any.
pub(crate) struct Password<'b> {
    /// The bytes as given (PBES2/PBKDF2 uses them as they are).
    raw: Zeroizing<Vec<u8>>,
    /// BMPString (UTF-16BE) with the two-octet terminator, for the PKCS#12 KDF.
    bmp: Zeroizing<Vec<u8>>,
    /// Key-derivation work charged so far (see [`Password::charge`]).
    work: Cell<u64>,
    /// The budget shared with the other readings of one request, if any.
    shared: Option<&'b KdfBudget>,
}

impl Password<'static> {
    /// A password for a reading bounded by [`MAX_KDF_WORK`] alone.
    pub(crate) fn new(password: &[u8]) -> Password<'static> {
        Password::within(password, None)
    }
}

impl<'b> Password<'b> {
    /// UTF-8 passwords are converted to UTF-16; bytes that are not UTF-8 are taken as
    /// Latin-1 characters (one code unit each). `shared`: the budget this reading's work
    /// is charged to as well (see [`KdfBudget`]).
    pub(crate) fn within(password: &[u8], shared: Option<&'b KdfBudget>) -> Password<'b> {
        let mut bmp = Zeroizing::new(Vec::with_capacity(password.len() * 2 + 2));
        match std::str::from_utf8(password) {
            Ok(s) => {
                for unit in s.encode_utf16() {
                    bmp.extend_from_slice(&unit.to_be_bytes());
                }
            }
            Err(_) => {
                for &b in password {
                    bmp.extend_from_slice(&[0, b]);
                }
            }
        }
        bmp.extend_from_slice(&[0, 0]);
        Password {
            raw: Zeroizing::new(password.to_vec()),
            bmp,
            work: Cell::new(0),
            shared,
        }
    }

    /// Charge a derivation of `iterations` rounds of `hash` producing `out_len` octets
    /// (`hmac`: PBKDF2, whose rounds are HMACs) before doing it: refused, with nothing
    /// done and nothing charged, when the work of this reading would exceed
    /// [`MAX_KDF_WORK`], or the work charged to its shared [`KdfBudget`] that budget's
    /// limit.
    pub(crate) fn charge(
        &self,
        hash: Hash,
        hmac: bool,
        iterations: u32,
        out_len: usize,
        what: &'static str,
    ) -> Result<()> {
        let blocks = out_len.div_ceil(hash.output_len()).max(1) as u64;
        let per_block = match hash {
            Hash::Sha1 | Hash::Sha224 | Hash::Sha256 => 1,
            Hash::Sha384 | Hash::Sha512 => 5,
        } * if hmac { 2 } else { 1 };
        let cost = u64::from(iterations)
            .saturating_mul(blocks)
            .saturating_mul(per_block);
        let total = cost.saturating_add(self.work.get());
        if total > MAX_KDF_WORK {
            return Err(Error::Unsupported(format!(
                "{what}: its key derivations need more than {MAX_KDF_WORK} units of work \
                 (iteration counts too high for one file)"
            )));
        }
        if let Some(shared) = self.shared {
            let spent = cost.saturating_add(shared.spent.get());
            if spent > shared.limit {
                return Err(Error::Unsupported(format!(
                    "{what}: the key derivations of all the key containers of this request \
                     need more than {} units of work (the bound of one request)",
                    shared.limit
                )));
            }
            shared.spent.set(spent);
        }
        self.work.set(total);
        Ok(())
    }

    /// The BMPString form with its terminator.
    pub(crate) fn bmp(&self) -> &[u8] {
        &self.bmp
    }

    /// The raw bytes.
    pub(crate) fn raw(&self) -> &[u8] {
        &self.raw
    }
}

/// Hash functions of the PKCS#12 KDF and MAC: the SHA family of [`HashAlgorithm`], as a
/// type of its own so that the generic KDF and HMAC code matches it exhaustively.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    /// The hash of a digest OID, through the crate's table ([`HashAlgorithm::from_oid`]):
    /// the SHA family only.
    pub(super) fn from_digest_oid(oid: &str) -> Option<Hash> {
        Some(match HashAlgorithm::from_oid(oid)? {
            HashAlgorithm::Sha1 => Hash::Sha1,
            HashAlgorithm::Sha224 => Hash::Sha224,
            HashAlgorithm::Sha256 => Hash::Sha256,
            HashAlgorithm::Sha384 => Hash::Sha384,
            HashAlgorithm::Sha512 => Hash::Sha512,
            HashAlgorithm::Gost(_) => return None,
        })
    }

    /// The same hash in the crate's table.
    fn algorithm(self) -> HashAlgorithm {
        match self {
            Hash::Sha1 => HashAlgorithm::Sha1,
            Hash::Sha224 => HashAlgorithm::Sha224,
            Hash::Sha256 => HashAlgorithm::Sha256,
            Hash::Sha384 => HashAlgorithm::Sha384,
            Hash::Sha512 => HashAlgorithm::Sha512,
        }
    }

    fn from_hmac_oid(oid: &str) -> Option<Hash> {
        Some(match oid {
            HMAC_SHA1 => Hash::Sha1,
            HMAC_SHA224 => Hash::Sha224,
            HMAC_SHA256 => Hash::Sha256,
            HMAC_SHA384 => Hash::Sha384,
            HMAC_SHA512 => Hash::Sha512,
            _ => return None,
        })
    }

    pub(super) fn output_len(self) -> usize {
        self.algorithm().output_len()
    }
}

/// Check an iteration count against the bound.
pub(crate) fn check_iterations(iterations: u64, what: &'static str) -> Result<u32> {
    if iterations == 0 {
        return Err(ber::malformed(what, "iteration count 0"));
    }
    if iterations > MAX_ITERATIONS {
        return Err(Error::Unsupported(format!(
            "{what}: iteration count {iterations} exceeds the limit of {MAX_ITERATIONS}"
        )));
    }
    Ok(iterations as u32)
}

fn check_salt(salt: &[u8]) -> Result<()> {
    if salt.len() > MAX_SALT_LEN {
        return Err(Error::TooLarge {
            what: "salt",
            len: salt.len(),
            limit: MAX_SALT_LEN,
        });
    }
    Ok(())
}

/// The PKCS#12 key derivation function (RFC 7292 appendix B.2), exactly: `id` 1 for keys,
/// 2 for IVs, 3 for MAC keys; `password` is the BMPString with its terminator.
pub(crate) fn pkcs12_kdf(
    hash: Hash,
    password: &[u8],
    salt: &[u8],
    id: u8,
    iterations: u32,
    out: &mut [u8],
) {
    match hash {
        Hash::Sha1 => kdf::<sha1::Sha1>(64, password, salt, id, iterations, out),
        Hash::Sha224 => kdf::<sha2::Sha224>(64, password, salt, id, iterations, out),
        Hash::Sha256 => kdf::<sha2::Sha256>(64, password, salt, id, iterations, out),
        Hash::Sha384 => kdf::<sha2::Sha384>(128, password, salt, id, iterations, out),
        Hash::Sha512 => kdf::<sha2::Sha512>(128, password, salt, id, iterations, out),
    }
}

fn kdf<D: Digest>(v: usize, password: &[u8], salt: &[u8], id: u8, iterations: u32, out: &mut [u8]) {
    // 1. D: v copies of ID.
    let diversifier = vec![id; v];
    // 2-4. I = S || P, each the input repeated to a multiple of v octets (empty stays empty).
    let repeat = |input: &[u8]| -> Zeroizing<Vec<u8>> {
        if input.is_empty() {
            return Zeroizing::new(Vec::new());
        }
        let len = input.len().div_ceil(v) * v;
        Zeroizing::new(input.iter().copied().cycle().take(len).collect())
    };
    let mut i_buf = repeat(salt);
    i_buf.extend_from_slice(&repeat(password));
    let mut b = Zeroizing::new(vec![0u8; v]);
    let mut done = 0;
    while done < out.len() {
        // 6a. A = H^r(D || I).
        let mut hasher = D::new();
        hasher.update(&diversifier);
        hasher.update(&*i_buf);
        let mut a = Zeroizing::new(hasher.finalize().to_vec());
        for _ in 1..iterations {
            let next = D::digest(&*a);
            a.copy_from_slice(&next);
        }
        let take = a.len().min(out.len() - done);
        out[done..done + take].copy_from_slice(&a[..take]);
        done += take;
        if done >= out.len() {
            break;
        }
        // 6b. B = A repeated to v octets; 6c. I_j = (I_j + B + 1) mod 2^(8v).
        for (k, byte) in b.iter_mut().enumerate() {
            *byte = a[k % a.len()];
        }
        for block in i_buf.chunks_mut(v) {
            let mut carry = 1u16;
            for k in (0..v).rev() {
                let sum = u16::from(block[k]) + u16::from(b[k]) + carry;
                block[k] = sum as u8;
                carry = sum >> 8;
            }
        }
    }
}

/// Verify a PKCS#12 MacData over `content` with `password`. `Ok(false)` on mismatch.
pub(crate) fn verify_pkcs12_mac(
    mac_data: &Tlv<'_>,
    content: &[u8],
    password: &Password,
) -> Result<bool> {
    const WHAT: &str = "PKCS#12 MacData";
    // Structure errors name the file, as in the rest of its reading (`pkcs12.rs`).
    const FILE: &str = "PKCS#12";
    let mut seq = mac_data.sequence(FILE)?;
    let digest_info = seq.next("mac")?;
    let mut di = digest_info.sequence(FILE)?;
    let alg = AlgId::read(&di.next("digestAlgorithm")?, FILE)?;
    let expected = di.next("digest")?.secret_octets(FILE)?;
    di.finish()?;
    let salt = seq.next("macSalt")?.secret_octets(FILE)?;
    let iterations = match seq.next_if(tag::INTEGER)? {
        Some(i) => i.uint_u64(FILE)?,
        None => 1,
    };
    seq.finish()?;
    if alg.oid == PBMAC1 {
        return Err(Error::Unsupported("PKCS#12 PBMAC1 integrity".into()));
    }
    let hash = Hash::from_digest_oid(&alg.oid)
        .ok_or_else(|| Error::Unsupported(format!("PKCS#12 MAC digest {}", alg.oid)))?;
    let iterations = check_iterations(iterations, WHAT)?;
    check_salt(&salt)?;
    if expected.len() != hash.output_len() {
        return Err(ber::malformed(WHAT, "MAC length does not match its digest"));
    }
    let try_password = |pw: &[u8]| -> Result<bool> {
        password.charge(hash, false, iterations, hash.output_len(), WHAT)?;
        let mut key = Zeroizing::new(vec![0u8; hash.output_len()]);
        pkcs12_kdf(hash, pw, &salt, 3, iterations, &mut key);
        Ok(match hash {
            Hash::Sha1 => hmac_verify::<sha1::Sha1>(&key, content, &expected),
            Hash::Sha224 => hmac_verify::<sha2::Sha224>(&key, content, &expected),
            Hash::Sha256 => hmac_verify::<sha2::Sha256>(&key, content, &expected),
            Hash::Sha384 => hmac_verify::<sha2::Sha384>(&key, content, &expected),
            Hash::Sha512 => hmac_verify::<sha2::Sha512>(&key, content, &expected),
        })
    };
    if try_password(password.bmp())? {
        return Ok(true);
    }
    // An empty password is written by some software as no password at all (zero octets
    // rather than the two-octet terminator): OpenSSL accepts both.
    Ok(password.raw().is_empty() && try_password(&[])?)
}

fn hmac_verify<D>(key: &[u8], content: &[u8], expected: &[u8]) -> bool
where
    D: hmac::EagerHash,
    Hmac<D>: Mac + KeyInit,
{
    let Ok(mut mac) = <Hmac<D> as KeyInit>::new_from_slice(key) else {
        return false;
    };
    mac.update(content);
    mac.verify_slice(expected).is_ok()
}

/// Decrypt `ciphertext` encrypted under the AlgorithmIdentifier `alg` with `password`.
/// A padding failure (the sign of a wrong password) is `Error::WrongPassword(what)`.
pub(crate) fn decrypt(
    alg: &AlgId<'_>,
    password: &Password,
    ciphertext: &[u8],
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>> {
    match alg.oid.as_str() {
        PBE_SHA_3DES => pkcs12_pbe(alg, password, ciphertext, what, Cipher::TdesEde3),
        PBE_SHA_2DES => pkcs12_pbe(alg, password, ciphertext, what, Cipher::TdesEde2),
        PBE_SHA_RC2_128 => pkcs12_pbe(alg, password, ciphertext, what, Cipher::Rc2(128)),
        PBE_SHA_RC2_40 => pkcs12_pbe(alg, password, ciphertext, what, Cipher::Rc2(40)),
        PBE_SHA_RC4_128 | PBE_SHA_RC4_40 => Err(Error::Unsupported(format!(
            "{what}: RC4 encryption ({})",
            alg.oid
        ))),
        PBES2 => pbes2(alg, password, ciphertext, what),
        o if o.starts_with(PKCS5_PREFIX) => Err(Error::Unsupported(format!(
            "{what}: PKCS#5 v1.5 encryption (PBES1, {o})"
        ))),
        o => Err(Error::Unsupported(format!(
            "{what}: encryption algorithm {o}"
        ))),
    }
}

#[derive(Clone, Copy)]
enum Cipher {
    TdesEde3,
    TdesEde2,
    /// RC2-CBC with this effective key length in bits (the key is as long).
    Rc2(usize),
    Aes128,
    Aes192,
    Aes256,
}

impl Cipher {
    fn key_len(self) -> usize {
        match self {
            Cipher::TdesEde3 | Cipher::Aes192 => 24,
            Cipher::TdesEde2 | Cipher::Aes128 => 16,
            Cipher::Rc2(bits) => bits / 8,
            Cipher::Aes256 => 32,
        }
    }

    fn iv_len(self) -> usize {
        match self {
            Cipher::TdesEde3 | Cipher::TdesEde2 | Cipher::Rc2(_) => 8,
            Cipher::Aes128 | Cipher::Aes192 | Cipher::Aes256 => 16,
        }
    }

    /// CBC-decrypt with PKCS#7 padding.
    fn decrypt(
        self,
        key: &[u8],
        iv: &[u8],
        ciphertext: &[u8],
        what: &'static str,
    ) -> Result<Zeroizing<Vec<u8>>> {
        let block = self.iv_len();
        if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(block) {
            return Err(ber::malformed(
                what,
                format!(
                    "ciphertext of {} bytes is not a whole number of {block}-byte blocks",
                    ciphertext.len()
                ),
            ));
        }
        if iv.len() != block || key.len() != self.key_len() {
            return Err(ber::malformed(what, "key or IV of the wrong length"));
        }
        let mut buf = Zeroizing::new(ciphertext.to_vec());
        let bad_key = |_| ber::malformed(what, "key or IV of the wrong length");
        let len = match self {
            Cipher::TdesEde3 => cbc::Decryptor::<des::TdesEde3>::new_from_slices(key, iv)
                .map_err(bad_key)?
                .decrypt_padded::<Pkcs7>(&mut buf)
                .map(<[u8]>::len),
            Cipher::TdesEde2 => cbc::Decryptor::<des::TdesEde2>::new_from_slices(key, iv)
                .map_err(bad_key)?
                .decrypt_padded::<Pkcs7>(&mut buf)
                .map(<[u8]>::len),
            Cipher::Rc2(bits) => {
                let rc2 = rc2::Rc2::new_with_eff_key_len(key, bits);
                cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(rc2, iv)
                    .map_err(bad_key)?
                    .decrypt_padded::<Pkcs7>(&mut buf)
                    .map(<[u8]>::len)
            }
            Cipher::Aes128 => cbc::Decryptor::<aes::Aes128>::new_from_slices(key, iv)
                .map_err(bad_key)?
                .decrypt_padded::<Pkcs7>(&mut buf)
                .map(<[u8]>::len),
            Cipher::Aes192 => cbc::Decryptor::<aes::Aes192>::new_from_slices(key, iv)
                .map_err(bad_key)?
                .decrypt_padded::<Pkcs7>(&mut buf)
                .map(<[u8]>::len),
            Cipher::Aes256 => cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv)
                .map_err(bad_key)?
                .decrypt_padded::<Pkcs7>(&mut buf)
                .map(<[u8]>::len),
        };
        let len = len.map_err(|_| Error::WrongPassword(what))?;
        buf.truncate(len);
        Ok(buf)
    }
}

/// RFC 7292 appendix C: pkcs-12PbeParams { salt OCTET STRING, iterations INTEGER }.
fn pkcs12_pbe(
    alg: &AlgId<'_>,
    password: &Password,
    ciphertext: &[u8],
    what: &'static str,
    cipher: Cipher,
) -> Result<Zeroizing<Vec<u8>>> {
    let params = alg
        .params
        .as_ref()
        .ok_or_else(|| ber::malformed(what, "PKCS#12 PBE without parameters"))?;
    let mut seq = params.sequence(what)?;
    let salt = seq.next("salt")?.secret_octets(what)?;
    let iterations = check_iterations(seq.next("iterations")?.uint_u64(what)?, what)?;
    seq.finish()?;
    check_salt(&salt)?;
    password.charge(Hash::Sha1, false, iterations, cipher.key_len(), what)?;
    password.charge(Hash::Sha1, false, iterations, cipher.iv_len(), what)?;
    let mut key = Zeroizing::new(vec![0u8; cipher.key_len()]);
    let mut iv = Zeroizing::new(vec![0u8; cipher.iv_len()]);
    pkcs12_kdf(Hash::Sha1, password.bmp(), &salt, 1, iterations, &mut key);
    pkcs12_kdf(Hash::Sha1, password.bmp(), &salt, 2, iterations, &mut iv);
    cipher.decrypt(&key, &iv, ciphertext, what)
}

/// RFC 8018 PBES2 with PBKDF2.
fn pbes2(
    alg: &AlgId<'_>,
    password: &Password,
    ciphertext: &[u8],
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>> {
    let params = alg
        .params
        .as_ref()
        .ok_or_else(|| ber::malformed(what, "PBES2 without parameters"))?;
    let mut seq = params.sequence(what)?;
    let kdf = AlgId::read(&seq.next("keyDerivationFunc")?, what)?;
    let scheme = AlgId::read(&seq.next("encryptionScheme")?, what)?;
    seq.finish()?;

    let cipher = match scheme.oid.as_str() {
        AES128_CBC => Cipher::Aes128,
        AES192_CBC => Cipher::Aes192,
        AES256_CBC => Cipher::Aes256,
        DES_EDE3_CBC => Cipher::TdesEde3,
        o => {
            return Err(Error::Unsupported(format!(
                "{what}: PBES2 encryption scheme {o}"
            )))
        }
    };
    let iv = scheme
        .params
        .as_ref()
        .ok_or_else(|| ber::malformed(what, "PBES2 cipher without an IV"))?
        .secret_octets(what)?;

    if kdf.oid == SCRYPT {
        return Err(Error::Unsupported(format!("{what}: PBES2 with scrypt")));
    }
    if kdf.oid != PBKDF2 {
        return Err(Error::Unsupported(format!(
            "{what}: PBES2 key derivation {}",
            kdf.oid
        )));
    }
    let kdf_params = kdf
        .params
        .as_ref()
        .ok_or_else(|| ber::malformed(what, "PBKDF2 without parameters"))?;
    let mut p = kdf_params.sequence(what)?;
    let salt_tlv = p.next("salt")?;
    if !salt_tlv.is_universal(tag::OCTET_STRING) {
        return Err(Error::Unsupported(format!(
            "{what}: PBKDF2 salt other than an OCTET STRING"
        )));
    }
    let salt = salt_tlv.secret_octets(what)?;
    let iterations = check_iterations(p.next("iterationCount")?.uint_u64(what)?, what)?;
    let key_length = match p.next_if(tag::INTEGER)? {
        Some(k) => Some(k.uint_u64(what)?),
        None => None,
    };
    let prf = match p.next_opt()? {
        Some(t) => {
            let prf = AlgId::read(&t, what)?;
            Hash::from_hmac_oid(&prf.oid).ok_or_else(|| {
                Error::Unsupported(format!("{what}: PBKDF2 pseudo-random function {}", prf.oid))
            })?
        }
        None => Hash::Sha1,
    };
    p.finish()?;
    check_salt(&salt)?;
    if let Some(k) = key_length {
        if k != cipher.key_len() as u64 {
            return Err(ber::malformed(
                what,
                format!("PBKDF2 key length {k} does not fit the cipher"),
            ));
        }
    }
    password.charge(prf, true, iterations, cipher.key_len(), what)?;
    let mut key = Zeroizing::new(vec![0u8; cipher.key_len()]);
    let pw = password.raw();
    match prf {
        Hash::Sha1 => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(pw, &salt, iterations, &mut key),
        Hash::Sha224 => pbkdf2::pbkdf2_hmac::<sha2::Sha224>(pw, &salt, iterations, &mut key),
        Hash::Sha256 => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(pw, &salt, iterations, &mut key),
        Hash::Sha384 => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(pw, &salt, iterations, &mut key),
        Hash::Sha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(pw, &salt, iterations, &mut key),
    }
    cipher.decrypt(&key, &iv, ciphertext, what)
}

#[cfg(test)]
mod tests;
