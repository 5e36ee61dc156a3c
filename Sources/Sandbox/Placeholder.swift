import OutreachAPI
public enum SandboxPlaceholder {}
