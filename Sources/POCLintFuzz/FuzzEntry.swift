/// libFuzzer's entry point: one input per call. Built with
/// `-sanitize=fuzzer,address -DPOCLINT_FUZZ` by `make fuzz`, where libFuzzer supplies `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func poclintFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzPipeline.run(bytes)
    return 0
}
