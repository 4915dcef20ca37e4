import FixTextCore

/// `mojibake`: repairs text that was decoded with the wrong encoding (work in progress).
public enum MojibakePlugin: TransformPlugin {
    public static var transforms: [TransformDescriptor] { [] }
}
