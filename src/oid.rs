//! The object identifiers the library reads and writes, by name, in one place.
//!
//! Dotted strings, because that is how OIDs are compared here: the crate's readers
//! (`crate::ber::oid_to_string`, used by `crate::der`'s users too) give the dotted form,
//! and a `&str` constant is matched in a `match` as cheaply as the literal it replaces.
//! Constants ending in `_PREFIX` are arcs, compared with `starts_with`. Grouped by family;
//! each group names its source standard.

// ----------------------------------------------------------------------------------------
// PKCS #7 / CMS content types (RFC 5652 §4-§8, RFC 2315 §14) and the RFC 3161 TSTInfo (RFC
// 3161 §2.4.2).
// ----------------------------------------------------------------------------------------

/// id-data.
pub(crate) const ID_DATA: &str = "1.2.840.113549.1.7.1";
/// id-signedData.
pub(crate) const ID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
/// id-envelopedData.
pub(crate) const ID_ENVELOPED_DATA: &str = "1.2.840.113549.1.7.3";
/// id-encryptedData.
pub(crate) const ID_ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";
/// id-ct-TSTInfo: the content type of an RFC 3161 time-stamp token.
pub(crate) const ID_CT_TST_INFO: &str = "1.2.840.113549.1.9.16.1.4";

// ----------------------------------------------------------------------------------------
// CMS and PKCS #9 attributes (RFC 5652 §11, RFC 2985, ESS RFC 2634 / RFC 5035, RFC 3161
// appendix A, RFC 6211).
// ----------------------------------------------------------------------------------------

/// pkcs-9-at-emailAddress (also a name attribute, `E`).
pub(crate) const ATTR_EMAIL_ADDRESS: &str = "1.2.840.113549.1.9.1";
/// id-contentType.
pub(crate) const ATTR_CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
/// id-messageDigest.
pub(crate) const ATTR_MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
/// id-signingTime.
pub(crate) const ATTR_SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
/// id-countersignature.
pub(crate) const ATTR_COUNTERSIGNATURE: &str = "1.2.840.113549.1.9.6";
/// smimeCapabilities (RFC 8551).
pub(crate) const ATTR_SMIME_CAPABILITIES: &str = "1.2.840.113549.1.9.15";
/// pkcs-9-at-friendlyName (PKCS #12 bag attribute).
pub(crate) const ATTR_FRIENDLY_NAME: &str = "1.2.840.113549.1.9.20";
/// pkcs-9-at-localKeyId (PKCS #12 bag attribute).
pub(crate) const ATTR_LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";
/// x509Certificate, the certType of a PKCS #12 CertBag (RFC 7292 §4.2.3).
pub(crate) const CERT_TYPE_X509: &str = "1.2.840.113549.1.9.22.1";
/// id-aa-encrypKeyPref (RFC 8551).
pub(crate) const ATTR_ENCRYPTION_KEY_PREFERENCE: &str = "1.2.840.113549.1.9.16.2.11";
/// id-aa-signingCertificate (ESS, SHA-1 ESSCertID).
pub(crate) const ATTR_SIGNING_CERTIFICATE: &str = "1.2.840.113549.1.9.16.2.12";
/// id-aa-timeStampToken (RFC 3161 appendix A).
pub(crate) const ATTR_TIME_STAMP_TOKEN: &str = "1.2.840.113549.1.9.16.2.14";
/// id-aa-signingCertificateV2 (ESS, ESSCertIDv2).
pub(crate) const ATTR_SIGNING_CERTIFICATE_V2: &str = "1.2.840.113549.1.9.16.2.47";
/// id-aa-CMSAlgorithmProtection (RFC 6211).
pub(crate) const ATTR_CMS_ALGORITHM_PROTECTION: &str = "1.2.840.113549.1.9.52";

// ----------------------------------------------------------------------------------------
// PKCS #12 bags and PBE (RFC 7292 §4.2, appendix C).
// ----------------------------------------------------------------------------------------

/// keyBag.
pub(crate) const BAG_KEY: &str = "1.2.840.113549.1.12.10.1.1";
/// pkcs8ShroudedKeyBag.
pub(crate) const BAG_SHROUDED_KEY: &str = "1.2.840.113549.1.12.10.1.2";
/// certBag.
pub(crate) const BAG_CERT: &str = "1.2.840.113549.1.12.10.1.3";
/// safeContentsBag.
pub(crate) const BAG_SAFE_CONTENTS: &str = "1.2.840.113549.1.12.10.1.6";
/// pbeWithSHAAnd128BitRC4.
pub(crate) const PBE_SHA_RC4_128: &str = "1.2.840.113549.1.12.1.1";
/// pbeWithSHAAnd40BitRC4.
pub(crate) const PBE_SHA_RC4_40: &str = "1.2.840.113549.1.12.1.2";
/// pbeWithSHAAnd3-KeyTripleDES-CBC.
pub(crate) const PBE_SHA_3DES: &str = "1.2.840.113549.1.12.1.3";
/// pbeWithSHAAnd2-KeyTripleDES-CBC.
pub(crate) const PBE_SHA_2DES: &str = "1.2.840.113549.1.12.1.4";
/// pbeWithSHAAnd128BitRC2-CBC.
pub(crate) const PBE_SHA_RC2_128: &str = "1.2.840.113549.1.12.1.5";
/// pbewithSHAAnd40BitRC2-CBC.
pub(crate) const PBE_SHA_RC2_40: &str = "1.2.840.113549.1.12.1.6";

// ----------------------------------------------------------------------------------------
// PKCS #5 (RFC 8018 appendix A, B.1, B.2), and scrypt (RFC 7914 §7).
// ----------------------------------------------------------------------------------------

/// the arc of the PKCS #5 algorithms (PBES1's among them), as a dotted prefix.
pub(crate) const PKCS5_PREFIX: &str = "1.2.840.113549.1.5.";
/// id-PBKDF2.
pub(crate) const PBKDF2: &str = "1.2.840.113549.1.5.12";
/// id-PBES2.
pub(crate) const PBES2: &str = "1.2.840.113549.1.5.13";
/// id-PBMAC1.
pub(crate) const PBMAC1: &str = "1.2.840.113549.1.5.14";
/// id-scrypt.
pub(crate) const SCRYPT: &str = "1.3.6.1.4.1.11591.4.11";
/// id-hmacWithSHA1.
pub(crate) const HMAC_SHA1: &str = "1.2.840.113549.2.7";
/// id-hmacWithSHA224.
pub(crate) const HMAC_SHA224: &str = "1.2.840.113549.2.8";
/// id-hmacWithSHA256.
pub(crate) const HMAC_SHA256: &str = "1.2.840.113549.2.9";
/// id-hmacWithSHA384.
pub(crate) const HMAC_SHA384: &str = "1.2.840.113549.2.10";
/// id-hmacWithSHA512.
pub(crate) const HMAC_SHA512: &str = "1.2.840.113549.2.11";
/// aes128-CBC-PAD.
pub(crate) const AES128_CBC: &str = "2.16.840.1.101.3.4.1.2";
/// aes192-CBC-PAD.
pub(crate) const AES192_CBC: &str = "2.16.840.1.101.3.4.1.22";
/// aes256-CBC-PAD.
pub(crate) const AES256_CBC: &str = "2.16.840.1.101.3.4.1.42";
/// des-EDE3-CBC.
pub(crate) const DES_EDE3_CBC: &str = "1.2.840.113549.3.7";

// ----------------------------------------------------------------------------------------
// Hash functions (RFC 3279 §2.2.1, RFC 5754 §2; NIST CSOR).
// ----------------------------------------------------------------------------------------

/// id-sha1.
pub(crate) const SHA1: &str = "1.3.14.3.2.26";
/// id-sha224.
pub(crate) const SHA224: &str = "2.16.840.1.101.3.4.2.4";
/// id-sha256.
pub(crate) const SHA256: &str = "2.16.840.1.101.3.4.2.1";
/// id-sha384.
pub(crate) const SHA384: &str = "2.16.840.1.101.3.4.2.2";
/// id-sha512.
pub(crate) const SHA512: &str = "2.16.840.1.101.3.4.2.3";

// ----------------------------------------------------------------------------------------
// RSA (RFC 8017 appendix C, RFC 4055).
// ----------------------------------------------------------------------------------------

/// rsaEncryption (also, in CMS, a signature algorithm: PKCS #1 v1.5 with the digest algorithm).
pub(crate) const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
/// id-mgf1.
pub(crate) const MGF1: &str = "1.2.840.113549.1.1.8";
/// id-RSASSA-PSS.
pub(crate) const RSASSA_PSS: &str = "1.2.840.113549.1.1.10";
/// sha1WithRSAEncryption.
pub(crate) const SHA1_WITH_RSA: &str = "1.2.840.113549.1.1.5";
/// sha224WithRSAEncryption.
pub(crate) const SHA224_WITH_RSA: &str = "1.2.840.113549.1.1.14";
/// sha256WithRSAEncryption.
pub(crate) const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";
/// sha384WithRSAEncryption.
pub(crate) const SHA384_WITH_RSA: &str = "1.2.840.113549.1.1.12";
/// sha512WithRSAEncryption.
pub(crate) const SHA512_WITH_RSA: &str = "1.2.840.113549.1.1.13";

// ----------------------------------------------------------------------------------------
// Elliptic curves, ECDSA, EdDSA and DSA (RFC 5480, RFC 5758, RFC 8410, RFC 3279).
// ----------------------------------------------------------------------------------------

/// id-ecPublicKey (some CMS producers name it as the signature algorithm).
pub(crate) const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
/// secp256r1 (NIST P-256).
pub(crate) const P256: &str = "1.2.840.10045.3.1.7";
/// secp384r1 (NIST P-384).
pub(crate) const P384: &str = "1.3.132.0.34";
/// secp521r1 (NIST P-521).
pub(crate) const P521: &str = "1.3.132.0.35";
/// ecdsa-with-SHA1.
pub(crate) const ECDSA_SHA1: &str = "1.2.840.10045.4.1";
/// ecdsa-with-SHA224.
pub(crate) const ECDSA_SHA224: &str = "1.2.840.10045.4.3.1";
/// ecdsa-with-SHA256.
pub(crate) const ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";
/// ecdsa-with-SHA384.
pub(crate) const ECDSA_SHA384: &str = "1.2.840.10045.4.3.3";
/// ecdsa-with-SHA512.
pub(crate) const ECDSA_SHA512: &str = "1.2.840.10045.4.3.4";
/// id-Ed25519.
pub(crate) const ED25519: &str = "1.3.101.112";
/// id-dsa-with-sha1.
pub(crate) const DSA_SHA1: &str = "1.2.840.10040.4.3";
/// id-dsa-with-sha224.
pub(crate) const DSA_SHA224: &str = "2.16.840.1.101.3.4.3.1";
/// id-dsa-with-sha256.
pub(crate) const DSA_SHA256: &str = "2.16.840.1.101.3.4.3.2";

// ----------------------------------------------------------------------------------------
// Name attributes (X.520, RFC 5280 appendix A, RFC 4519 / RFC 2247).
// ----------------------------------------------------------------------------------------

/// id-at-commonName (CN).
pub(crate) const AT_COMMON_NAME: &str = "2.5.4.3";
/// id-at-surname (SN).
pub(crate) const AT_SURNAME: &str = "2.5.4.4";
/// id-at-serialNumber (the NCA puts `IIN...` here).
pub(crate) const AT_SERIAL_NUMBER: &str = "2.5.4.5";
/// id-at-countryName (C).
pub(crate) const AT_COUNTRY: &str = "2.5.4.6";
/// id-at-localityName (L).
pub(crate) const AT_LOCALITY: &str = "2.5.4.7";
/// id-at-stateOrProvinceName (ST).
pub(crate) const AT_STATE: &str = "2.5.4.8";
/// id-at-streetAddress (STREET).
pub(crate) const AT_STREET: &str = "2.5.4.9";
/// id-at-organizationName (O).
pub(crate) const AT_ORGANIZATION: &str = "2.5.4.10";
/// id-at-organizationalUnitName (OU; the NCA puts `BIN...` here).
pub(crate) const AT_ORGANIZATIONAL_UNIT: &str = "2.5.4.11";
/// id-at-title (T).
pub(crate) const AT_TITLE: &str = "2.5.4.12";
/// id-at-businessCategory.
pub(crate) const AT_BUSINESS_CATEGORY: &str = "2.5.4.15";
/// id-at-givenName (G; the NCA puts the patronymic here).
pub(crate) const AT_GIVEN_NAME: &str = "2.5.4.42";
/// id-at-dnQualifier.
pub(crate) const AT_DN_QUALIFIER: &str = "2.5.4.46";
/// domainComponent (DC).
pub(crate) const AT_DOMAIN_COMPONENT: &str = "0.9.2342.19200300.100.1.25";
/// userId (UID).
pub(crate) const AT_USER_ID: &str = "0.9.2342.19200300.100.1.1";

// ----------------------------------------------------------------------------------------
// Certificate extensions (RFC 5280 §4.2).
// ----------------------------------------------------------------------------------------

/// id-ce-subjectKeyIdentifier.
pub(crate) const EXT_SUBJECT_KEY_ID: &str = "2.5.29.14";
/// id-ce-keyUsage.
pub(crate) const EXT_KEY_USAGE: &str = "2.5.29.15";
/// id-ce-subjectAltName.
pub(crate) const EXT_SUBJECT_ALT_NAME: &str = "2.5.29.17";
/// id-ce-issuerAltName.
pub(crate) const EXT_ISSUER_ALT_NAME: &str = "2.5.29.18";
/// id-ce-basicConstraints.
pub(crate) const EXT_BASIC_CONSTRAINTS: &str = "2.5.29.19";
/// id-ce-nameConstraints.
pub(crate) const EXT_NAME_CONSTRAINTS: &str = "2.5.29.30";
/// id-ce-cRLDistributionPoints.
pub(crate) const EXT_CRL_DISTRIBUTION_POINTS: &str = "2.5.29.31";
/// id-ce-certificatePolicies.
pub(crate) const EXT_CERTIFICATE_POLICIES: &str = "2.5.29.32";
/// id-ce-authorityKeyIdentifier.
pub(crate) const EXT_AUTHORITY_KEY_ID: &str = "2.5.29.35";
/// id-ce-policyConstraints.
pub(crate) const EXT_POLICY_CONSTRAINTS: &str = "2.5.29.36";
/// id-ce-extKeyUsage.
pub(crate) const EXT_EXT_KEY_USAGE: &str = "2.5.29.37";
/// id-ce-freshestCRL.
pub(crate) const EXT_FRESHEST_CRL: &str = "2.5.29.46";
/// id-ce-inhibitAnyPolicy.
pub(crate) const EXT_INHIBIT_ANY_POLICY: &str = "2.5.29.54";
/// id-pe-authorityInfoAccess.
pub(crate) const EXT_AUTHORITY_INFO_ACCESS: &str = "1.3.6.1.5.5.7.1.1";
/// id-pe-subjectInfoAccess.
pub(crate) const EXT_SUBJECT_INFO_ACCESS: &str = "1.3.6.1.5.5.7.1.11";

// ----------------------------------------------------------------------------------------
// Extended key usages (RFC 5280 §4.2.1.12).
// ----------------------------------------------------------------------------------------

/// anyExtendedKeyUsage.
pub(crate) const EKU_ANY: &str = "2.5.29.37.0";
/// id-kp-serverAuth.
pub(crate) const EKU_SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
/// id-kp-clientAuth: NCA authentication certificates.
pub(crate) const EKU_CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
/// id-kp-codeSigning.
pub(crate) const EKU_CODE_SIGNING: &str = "1.3.6.1.5.5.7.3.3";
/// id-kp-emailProtection: NCA signing certificates.
pub(crate) const EKU_EMAIL_PROTECTION: &str = "1.3.6.1.5.5.7.3.4";
/// id-kp-documentSigning (RFC 9336).
pub(crate) const EKU_DOCUMENT_SIGNING: &str = "1.3.6.1.5.5.7.3.36";
/// id-kp-timeStamping (RFC 3161 §2.3).
pub(crate) const EKU_TIME_STAMPING: &str = "1.3.6.1.5.5.7.3.8";
/// id-kp-OCSPSigning (RFC 6960 §4.2.2.2).
pub(crate) const EKU_OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";

// ----------------------------------------------------------------------------------------
// OCSP (RFC 6960 §4.2.1).
// ----------------------------------------------------------------------------------------

/// id-pkix-ocsp-basic.
pub(crate) const OCSP_BASIC: &str = "1.3.6.1.5.5.7.48.1.1";
/// id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): a responder certificate whose status is not
/// to be checked.
pub(crate) const OCSP_NOCHECK: &str = "1.3.6.1.5.5.7.48.1.5";

// ----------------------------------------------------------------------------------------
// NCA RK subject roles: certificate policies / extended key usages of the NCA's
// certificates (NCA RK certificate policy).
// ----------------------------------------------------------------------------------------

/// an individual.
pub(crate) const NCA_ROLE_INDIVIDUAL: &str = "1.2.398.3.3.4.1.1";
/// an employee of a legal entity.
pub(crate) const NCA_ROLE_LEGAL_ENTITY: &str = "1.2.398.3.3.4.1.2";
/// the first head of a legal entity.
pub(crate) const NCA_ROLE_FIRST_HEAD: &str = "1.2.398.3.3.4.1.2.1";
/// a person with the right to sign.
pub(crate) const NCA_ROLE_RIGHT_TO_SIGN: &str = "1.2.398.3.3.4.1.2.2";
/// a person signing financial documents.
pub(crate) const NCA_ROLE_FINANCIAL_SIGNER: &str = "1.2.398.3.3.4.1.2.3";
/// a human resources employee.
pub(crate) const NCA_ROLE_HUMAN_RESOURCES: &str = "1.2.398.3.3.4.1.2.4";
/// an employee.
pub(crate) const NCA_ROLE_EMPLOYEE: &str = "1.2.398.3.3.4.1.2.5";
/// an information system.
pub(crate) const NCA_ROLE_INFORMATION_SYSTEM: &str = "1.2.398.3.3.4.1.2.6";

// ----------------------------------------------------------------------------------------
// The NCA's GOST identifiers (Kalkan, NCALayer: arc 1.2.398.3.10.1, ST RK GOST 34.310-2004
// and GOST R 34.10-2015 as the NCA names them).
// ----------------------------------------------------------------------------------------

/// the arc of the NCA's GOST key and signature algorithms, as a dotted prefix.
pub(crate) const NCA_GOST_PREFIX: &str = "1.2.398.3.10.1.1.";
/// GOST 34.310-2004 public key.
pub(crate) const NCA_GOST2004_KEY: &str = "1.2.398.3.10.1.1.1.1";
/// GOST 34.310-2004 key parameters (the CryptoPro-A curve).
pub(crate) const NCA_GOST2004_A_PARAMS: &str = "1.2.398.3.10.1.1.1.1.1";
/// GOST 34.310-2004 with GOST 34.311-95.
pub(crate) const NCA_GOST2004_SIGNATURE: &str = "1.2.398.3.10.1.1.1.2";
/// GOST R 34.10-2015 256-bit public key.
pub(crate) const NCA_GOST2015_256_KEY: &str = "1.2.398.3.10.1.1.2.1";
/// GOST R 34.10-2015 256-bit key parameters (TC26 256 A).
pub(crate) const NCA_GOST2015_256_A_PARAMS: &str = "1.2.398.3.10.1.1.2.1.1";
/// GOST R 34.10-2015 512-bit public key.
pub(crate) const NCA_GOST2015_512_KEY: &str = "1.2.398.3.10.1.1.2.2";
/// GOST R 34.10-2015 512-bit key parameters (TC26 512 A).
pub(crate) const NCA_GOST2015_512_A_PARAMS: &str = "1.2.398.3.10.1.1.2.2.1";
/// GOST R 34.10-2015 256-bit with Streebog-256.
pub(crate) const NCA_GOST2015_256_SIGNATURE: &str = "1.2.398.3.10.1.1.2.3.1";
/// GOST R 34.10-2015 512-bit with Streebog-512.
pub(crate) const NCA_GOST2015_512_SIGNATURE: &str = "1.2.398.3.10.1.1.2.3.2";
/// GOST 34.311-95 (GOST R 34.11-94 with the test parameters).
pub(crate) const NCA_GOST34311: &str = "1.2.398.3.10.1.3.1";
/// the GOST 34.311-95 parameter set named in the NCA's key parameters.
pub(crate) const NCA_GOST34311_PARAMS: &str = "1.2.398.3.10.1.3.1.1.0";
/// Streebog-256.
pub(crate) const NCA_STREEBOG256: &str = "1.2.398.3.10.1.3.2";
/// Streebog-512.
pub(crate) const NCA_STREEBOG512: &str = "1.2.398.3.10.1.3.3";

// ----------------------------------------------------------------------------------------
// GOST identifiers of RFC 4357 (CryptoPro), RFC 7836 / RFC 9215 (TC26).
// ----------------------------------------------------------------------------------------

/// the Russian GOST arc, as a dotted prefix.
pub(crate) const GOST_PREFIX: &str = "1.2.643.";
/// id-GostR3411-94.
pub(crate) const GOST_R3411_94: &str = "1.2.643.2.2.9";
/// id-GostR3411-94-with-GostR3410-2001.
pub(crate) const GOST_R3410_2001_SIGNATURE: &str = "1.2.643.2.2.3";
/// id-GostR3410-2001.
pub(crate) const GOST_R3410_2001_KEY: &str = "1.2.643.2.2.19";
/// id-GostR3410-2001-TestParamSet.
pub(crate) const CRYPTOPRO_TEST_PARAMS: &str = "1.2.643.2.2.35.0";
/// id-GostR3410-2001-CryptoPro-A-ParamSet.
pub(crate) const CRYPTOPRO_A_PARAMS: &str = "1.2.643.2.2.35.1";
/// id-GostR3410-2001-CryptoPro-B-ParamSet.
pub(crate) const CRYPTOPRO_B_PARAMS: &str = "1.2.643.2.2.35.2";
/// id-GostR3410-2001-CryptoPro-C-ParamSet.
pub(crate) const CRYPTOPRO_C_PARAMS: &str = "1.2.643.2.2.35.3";
/// id-GostR3410-2001-CryptoPro-XchA-ParamSet.
pub(crate) const CRYPTOPRO_XCHA_PARAMS: &str = "1.2.643.2.2.36.0";
/// id-GostR3410-2001-CryptoPro-XchB-ParamSet.
pub(crate) const CRYPTOPRO_XCHB_PARAMS: &str = "1.2.643.2.2.36.1";
/// id-tc26-gost3410-12-256.
pub(crate) const TC26_GOST3410_256_KEY: &str = "1.2.643.7.1.1.1.1";
/// id-tc26-gost3410-12-512.
pub(crate) const TC26_GOST3410_512_KEY: &str = "1.2.643.7.1.1.1.2";
/// id-tc26-gost3411-12-256.
pub(crate) const TC26_STREEBOG256: &str = "1.2.643.7.1.1.2.2";
/// id-tc26-gost3411-12-512.
pub(crate) const TC26_STREEBOG512: &str = "1.2.643.7.1.1.2.3";
/// id-tc26-signwithdigest-gost3410-12-256.
pub(crate) const TC26_SIGNATURE_256: &str = "1.2.643.7.1.1.3.2";
/// id-tc26-signwithdigest-gost3410-12-512.
pub(crate) const TC26_SIGNATURE_512: &str = "1.2.643.7.1.1.3.3";
/// id-tc26-gost-3410-12-256-paramSetA.
pub(crate) const TC26_256_A_PARAMS: &str = "1.2.643.7.1.2.1.1.1";
/// id-tc26-gost-3410-12-256-paramSetB.
pub(crate) const TC26_256_B_PARAMS: &str = "1.2.643.7.1.2.1.1.2";
/// id-tc26-gost-3410-12-256-paramSetC.
pub(crate) const TC26_256_C_PARAMS: &str = "1.2.643.7.1.2.1.1.3";
/// id-tc26-gost-3410-12-256-paramSetD.
pub(crate) const TC26_256_D_PARAMS: &str = "1.2.643.7.1.2.1.1.4";
/// id-tc26-gost-3410-12-512-paramSetTest.
pub(crate) const TC26_512_TEST_PARAMS: &str = "1.2.643.7.1.2.1.2.0";
/// id-tc26-gost-3410-12-512-paramSetA.
pub(crate) const TC26_512_A_PARAMS: &str = "1.2.643.7.1.2.1.2.1";
/// id-tc26-gost-3410-12-512-paramSetB.
pub(crate) const TC26_512_B_PARAMS: &str = "1.2.643.7.1.2.1.2.2";
/// id-tc26-gost-3410-12-512-paramSetC.
pub(crate) const TC26_512_C_PARAMS: &str = "1.2.643.7.1.2.1.2.3";
