//! Secrets: one-time codes, tokens and passwords (used by the sign-in services and the
//! store, which compares code hashes in constant time).

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;

/// A 6-digit code from the OS CSPRNG.
pub fn new_code() -> String {
    format!("{:06}", rand::rng().random_range(0..1_000_000u32))
}

/// A 256-bit URL-safe token.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    hex::encode(bytes)
}

/// Codes and tokens are stored as HMAC-SHA256 under the server secret: a stolen database
/// alone does not let anyone brute-force 6-digit codes offline.
pub fn keyed_hash(secret: &str, value: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(value.trim().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// argon2id with the crate's defaults (OWASP: m=19 MiB, t=2, p=1).
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// argon2 is CPU-bound: these run it off the async workers.
pub async fn hash_password_off_thread(password: String) -> Option<String> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .ok()
}

pub async fn verify_password_off_thread(hash: String, password: String) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&hash, &password))
        .await
        .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so that timing does not
/// tell whether an e-mail is known.
pub fn dummy_password_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("portail-ali-dummy-password"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_six_digits_and_vary() {
        let codes: std::collections::HashSet<String> = (0..50).map(|_| new_code()).collect();
        assert!(codes
            .iter()
            .all(|c| c.len() == 6 && c.chars().all(|d| d.is_ascii_digit())));
        assert!(codes.len() > 40);
    }

    #[test]
    fn a_stored_code_hash_depends_on_the_server_secret() {
        assert_ne!(keyed_hash("a", "123456"), keyed_hash("b", "123456"));
        assert!(constant_time_eq(
            &keyed_hash("a", "123456"),
            &keyed_hash("a", " 123456 ")
        ));
    }

    #[test]
    fn passwords_verify_only_with_the_right_secret() {
        let h = hash_password("correct horse");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "correct horse"));
        assert!(!verify_password(&h, "wrong"));
    }
}
