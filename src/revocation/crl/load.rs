//! Loading a CRL: the input forms (DER, PEM, base64 text, owned bytes), the size limit,
//! and the digest of a large CRL's signed part, computed on a second thread while the
//! entries are indexed.

use super::*;

/// CRLs smaller than this are hashed when their signature is checked, not at load.
pub(super) const PREHASH_MIN_LEN: usize = 1 << 20;

/// The signed part of a large CRL and the hash its outer signature algorithm applies, when
/// that algorithm can be verified from a digest. A quick look at the outer structure only:
/// `parse` checks everything.
fn prehash_target(der: &[u8]) -> Option<(HashAlgorithm, &[u8])> {
    if der.len() < PREHASH_MIN_LEN {
        return None;
    }
    let mut top = Reader::named(der, WHAT);
    let list = top.expect(TAG_SEQUENCE, WHAT).ok()?;
    let mut r = list.inner();
    let tbs = r.expect(TAG_SEQUENCE, WHAT).ok()?;
    let alg = r.expect(TAG_SEQUENCE, WHAT).ok()?;
    let (oid, params) = read_algorithm_identifier(alg, WHAT).ok()?;
    let h = crate::signature::prehash_algorithm(&SignatureAlgorithm::from_parts(&oid, params))?;
    Some((h, tbs.raw))
}

impl Crl {
    /// Load one CRL from its DER encoding (taken by value: the bytes are kept, not copied).
    pub fn from_der(der: Vec<u8>) -> Result<Crl> {
        if der.is_empty() {
            return Err(Error::Empty);
        }
        if der.len() > input::MAX_CRL_INPUT_LEN {
            return Err(Error::TooLarge {
                what: WHAT,
                len: der.len(),
                limit: input::MAX_CRL_INPUT_LEN,
            });
        }
        let hash_keys = RandomState::new();
        // A large CRL's signed part is hashed on a second thread while this one indexes
        // the entries: the signature check later needs only the digest.
        let (p, tbs_digest) = std::thread::scope(|scope| {
            let hashing = prehash_target(&der).map(|(h, tbs)| {
                scope.spawn(move || crate::signature::digest(h, tbs).map(|d| (h, d)))
            });
            let parsed = parse(&der, &hash_keys);
            let digest = hashing.and_then(|t| t.join().ok().flatten());
            (parsed, digest)
        });
        let p = p?;
        Ok(Crl(Arc::new(Inner {
            der,
            tbs: p.tbs,
            signature: p.signature,
            signature_algorithm: p.signature_algorithm,
            issuer: p.issuer,
            this_update: p.this_update,
            next_update: p.next_update,
            crl_number: p.crl_number,
            delta_base: p.delta_base,
            issuing_distribution_point: p.issuing_distribution_point,
            authority_key_id: p.authority_key_id,
            expired_certs_on_crl: p.expired_certs_on_crl,
            unprocessed_critical: p.unprocessed_critical,
            unprocessed_critical_entry: p.unprocessed_critical_entry,
            revoked: p.revoked,
            records: p.records,
            issuers: p.issuers,
            empty_name: p.empty_name,
            hash_keys,
            fingerprint: OnceLock::new(),
            description: OnceLock::new(),
            tbs_digest,
        })))
    }

    /// Load every CRL of an input: DER, PEM (one block or several) or bare base64 text.
    pub fn all_from_input(bytes: &[u8]) -> Result<Vec<Crl>> {
        input::decode_objects(bytes, ObjectKind::Crl)?
            .into_iter()
            .map(Crl::from_der)
            .collect()
    }

    /// [`Crl::all_from_input`] taking the input by value: DER input (the usual form of a large
    /// CRL) is kept in place instead of copied, so loading a 50 MB CRL read from a file holds
    /// one copy of it, not two. PEM and base64 text are decoded, then the text is released
    /// before indexing.
    pub fn all_from_owned_input(mut bytes: Vec<u8>) -> Result<Vec<Crl>> {
        const WHAT_INPUT: &str = "CRL input";
        if bytes.first() != Some(&TAG_SEQUENCE) {
            let objects = input::decode_objects(&bytes, ObjectKind::Crl)?;
            drop(bytes);
            return objects.into_iter().map(Crl::from_der).collect();
        }
        // The same rules as `input::decode_objects` for DER: one element, then nothing but
        // ASCII whitespace.
        if bytes.len() > input::MAX_CRL_INPUT_LEN {
            return Err(Error::TooLarge {
                what: WHAT_INPUT,
                len: bytes.len(),
                limit: input::MAX_CRL_INPUT_LEN,
            });
        }
        let len = input::der_element_len(&bytes, WHAT_INPUT)?;
        let trailing = bytes.get(len..).unwrap_or_default();
        if trailing.iter().any(|b| !b.is_ascii_whitespace()) {
            return Err(Error::MalformedDer {
                what: WHAT_INPUT,
                reason: format!(
                    "{} bytes of trailing data after the DER element",
                    trailing.len()
                ),
            });
        }
        bytes.truncate(len);
        Ok(vec![Crl::from_der(bytes)?])
    }

    /// Load exactly one CRL from DER, PEM or base64 text.
    pub fn from_input(bytes: &[u8]) -> Result<Crl> {
        Crl::from_der(input::decode_one(bytes, ObjectKind::Crl)?)
    }
}
