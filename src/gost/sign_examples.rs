//! The standard's signing examples (GOST R 34.10-2012 appendix A examples 1 and 2 =
//! RFC 7091 section 7): with the published `d` and `k`, `Q = d P`, `r` and `s` are the
//! published ones. A unit test, because signing with a given nonce is not public.

use super::{
    sign_with_k, verify_integers, verify_prehashed, GostAlgorithm, GostCurve, GostSignError,
    GostSigningKey,
};

fn h(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(s.len().is_multiple_of(2), "odd hex length");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn rev(b: &[u8]) -> Vec<u8> {
    b.iter().rev().copied().collect()
}

/// Big-endian `v` left-padded to `n` bytes.
fn pad(v: &[u8], n: usize) -> Vec<u8> {
    let mut out = vec![0u8; n - v.len()];
    out.extend_from_slice(v);
    out
}

// ---------------------------------------------------------------------------------------
// GOST R 34.10-2012 appendix A / RFC 7091 section 7
// ---------------------------------------------------------------------------------------

struct Example {
    curve: GostCurve,
    d: &'static str,
    k: &'static str,
    alpha: &'static str,
    qx: &'static str,
    qy: &'static str,
    r: &'static str,
    s: &'static str,
}

const EXAMPLE_1: Example = Example {
    curve: GostCurve::CryptoProTest,
    d: "7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28",
    k: "77105C9B20BCD3122823C8CF6FCC7B956DE33814E95B7FE64FED924594DCEAB3",
    alpha: "2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5",
    qx: "7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B",
    qy: "26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA",
    r: "41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493",
    s: "01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C40",
};

const EXAMPLE_2: Example = Example {
    curve: GostCurve::Tc26_512Test,
    d: "0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B102072E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4",
    k: "0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F365886748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1",
    alpha: "3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C5917184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C",
    qx: "115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1",
    qy: "37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC",
    r: "2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD35492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36",
    s: "1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A",
};

fn check_signing_example(ex: &Example) {
    let n = ex.curve.coordinate_len();
    let (d, k, alpha) = (h(ex.d), h(ex.k), h(ex.alpha));

    // Q = d P
    let key = GostSigningKey::from_be_bytes(ex.curve, &d).expect("key");
    let mut q_le = rev(&pad(&h(ex.qx), n));
    q_le.extend(rev(&pad(&h(ex.qy), n)));
    assert_eq!(key.public_key_xy(), q_le, "{:?}: Q = d P", ex.curve);

    // r and s with the published k
    let (r, s) = sign_with_k(ex.curve, &d, &k, &alpha).expect("sign_with_k");
    assert_eq!(r, pad(&h(ex.r), n), "{:?}: r", ex.curve);
    assert_eq!(s, pad(&h(ex.s), n), "{:?}: s", ex.curve);

    // The same through the byte-level verifier in both conventions, with the key as
    // public_key_bits gives it.
    let digest_le = rev(&pad(&alpha, n));
    let bits = key.public_key_bits();
    let nca: Vec<u8> = [rev(&r), rev(&s)].concat();
    let rfc: Vec<u8> = [s.clone(), r.clone()].concat();
    let (alg_nca, alg_rfc) = if n == 32 {
        (GostAlgorithm::Nca2015_256, GostAlgorithm::Tc26_256)
    } else {
        (GostAlgorithm::Nca2015_512, GostAlgorithm::Tc26_512)
    };
    assert_eq!(
        verify_prehashed(alg_nca, ex.curve, &bits, &digest_le, &nca),
        Ok(true)
    );
    assert_eq!(
        verify_prehashed(alg_rfc, ex.curve, &bits, &digest_le, &rfc),
        Ok(true)
    );

    // A k out of range is refused; another k gives another valid signature.
    let q_of = |c: GostCurve| -> Vec<u8> {
        match c {
            GostCurve::CryptoProTest => {
                h("8000000000000000000000000000000150FE8A1892976154C59CFC193ACCF5B3")
            }
            _ => h("4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DA82F2D7ECB1DBAC719905C5EECC423F1D86E25EDBE23C595D644AAF187E6E6DF"),
        }
    };
    assert_eq!(
        sign_with_k(ex.curve, &d, &[0], &alpha),
        Err(GostSignError::InvalidNonce)
    );
    assert_eq!(
        sign_with_k(ex.curve, &d, &q_of(ex.curve), &alpha),
        Err(GostSignError::InvalidNonce)
    );
    let (r2, s2) = sign_with_k(ex.curve, &d, &[7], &alpha).expect("k = 7");
    assert_ne!((&r2, &s2), (&r, &s));
    assert_eq!(
        verify_integers(ex.curve, &h(ex.qx), &h(ex.qy), &alpha, &r2, &s2),
        Ok(true)
    );
}

#[test]
fn gost_r_34_10_2012_signing_example_1_256() {
    check_signing_example(&EXAMPLE_1);
}

#[test]
fn gost_r_34_10_2012_signing_example_2_512() {
    check_signing_example(&EXAMPLE_2);
}
