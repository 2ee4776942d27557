namespace MinLGan; internal static class Placeholder {}
