#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point.
///
/// - Built for fuzzing (`make fuzz`: `-sanitize=fuzzer,address -DPOCLINT_FUZZ`), it hands the
///   command line to libFuzzer's driver (`LLVMFuzzerRunDriver`). SwiftPM links executables
///   with `main` renamed to this module's entry point, so libFuzzer's own `main` is never
///   used; calling the driver from here is what starts the fuzzer.
/// - In a normal build it is a replay tool: it runs each file given on the command line
///   through the fuzz pipeline and prints `ok PATH`. A crash or a broken invariant stops it,
///   as in the fuzzer. The regression tests run it over `fuzz/regressions/`.
@main
struct FuzzMain {
    static func main() {
        #if POCLINT_FUZZ
        exit(runLibFuzzer())
        #else
        replay(Array(CommandLine.arguments.dropFirst()))
        #endif
    }

    #if POCLINT_FUZZ
    typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    typealias RunDriver = @convention(c) (
        UnsafeMutablePointer<CInt>,
        UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        TestOneInput
    ) -> CInt

    /// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*cb)(const uint8_t *, size_t))`,
    /// found in the executable's own symbols (the fuzz build links with `--export-dynamic`).
    static func runLibFuzzer() -> CInt {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "LLVMFuzzerRunDriver") else {
            print("POCLintFuzz: LLVMFuzzerRunDriver not found; build with -sanitize=fuzzer (make fuzz)")
            return 2
        }
        let driver = unsafeBitCast(symbol, to: RunDriver.self)
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        return driver(&argc, &argv, { data, size in poclintFuzzOneInput(data, size) })
    }
    #else
    static func replay(_ paths: [String]) {
        if paths.isEmpty {
            print("usage: POCLintFuzz FILE... (replays inputs through the fuzz pipeline)")
            exit(2)
        }
        for path in paths {
            guard let bytes = readFile(path) else {
                print("cannot read \(path)")
                exit(2)
            }
            FuzzPipeline.run(bytes)
            print("ok \(path)")
        }
    }

    static func readFile(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 1 << 16, f) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return ferror(f) == 0 ? bytes : nil
    }
    #endif
}
