//! A small, portable 64-bit FNV-1a hasher: the same bytes give the same hash on every
//! platform, native or wasm, which `std`'s hashers do not promise.

/// FNV-1a, 64 bits.
#[derive(Debug, Clone, Copy)]
pub struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Self::new()
    }
}

impl Fnv64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    pub fn new() -> Self {
        Self(Self::OFFSET)
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
        self
    }

    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.bytes(&v.to_le_bytes())
    }

    pub fn i64(&mut self, v: i64) -> &mut Self {
        self.bytes(&v.to_le_bytes())
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.u64(s.len() as u64).bytes(s.as_bytes())
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

/// As a [`std::hash::Hasher`], for types that derive `Hash`: every integer is written
/// little-endian at a fixed width (`usize` as 64 bits), so a hash is the same on native and
/// wasm32 builds.
impl std::hash::Hasher for Fnv64 {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.bytes(bytes);
    }

    fn write_u8(&mut self, i: u8) {
        self.bytes(&[i]);
    }

    fn write_u16(&mut self, i: u16) {
        self.bytes(&i.to_le_bytes());
    }

    fn write_u32(&mut self, i: u32) {
        self.bytes(&i.to_le_bytes());
    }

    fn write_u64(&mut self, i: u64) {
        self.bytes(&i.to_le_bytes());
    }

    fn write_usize(&mut self, i: usize) {
        self.bytes(&(i as u64).to_le_bytes());
    }

    fn write_i32(&mut self, i: i32) {
        self.bytes(&i.to_le_bytes());
    }

    fn write_i64(&mut self, i: i64) {
        self.bytes(&i.to_le_bytes());
    }

    fn write_isize(&mut self, i: isize) {
        self.bytes(&(i as i64).to_le_bytes());
    }
}

/// A hash as the 16 hex digits used in saves and reports.
pub fn hex(h: u64) -> String {
    format!("{h:016x}")
}

/// Parse 16 hex digits back into a hash.
pub fn parse_hex(s: &str) -> Option<u64> {
    if s.len() != 16 {
        return None;
    }
    u64::from_str_radix(s, 16).ok()
}
