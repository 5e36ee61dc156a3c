/// The version of wps and its API library, as `wps --version` and the User-Agent show it.
public enum OutreachAPIVersion {
    public static let string = "0.1.0"
}
