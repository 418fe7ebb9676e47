/// Word-at-a-time byte tests: eight bytes in a `UInt64`, each answer exact for the word.
public enum Bytes {
    /// Whether any of the eight bytes is zero.
    @inlinable @inline(__always) public static func hasZero(_ w: UInt64) -> Bool {
        (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080 != 0
    }

    /// Whether any of the eight bytes equals `b`.
    @inlinable @inline(__always) public static func has(_ w: UInt64, _ b: UInt8) -> Bool {
        hasZero(w ^ (0x0101_0101_0101_0101 &* UInt64(b)))
    }

    /// Whether any of the eight bytes is below 0x20 (a control byte).
    @inlinable @inline(__always) public static func hasControl(_ w: UInt64) -> Bool {
        (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 != 0
    }
}
