import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/domain/client-address";

describe("clientAddress", () => {
  it("takes the entry the nearest trusted proxy appended, not what the client wrote before it", () => {
    expect(clientAddress("6.6.6.6, 10.0.0.7", null, 1)).toBe("10.0.0.7");
    expect(clientAddress("6.6.6.6, 10.0.0.7, 192.168.1.2", null, 2)).toBe("10.0.0.7");
    expect(clientAddress("10.0.0.7", null, 1)).toBe("10.0.0.7");
  });

  it("uses the leftmost entry when fewer proxies wrote than are trusted", () => {
    expect(clientAddress("10.0.0.7", null, 3)).toBe("10.0.0.7");
  });

  it("ignores the header when no proxy is trusted, falling back to X-Real-IP, then 'local'", () => {
    expect(clientAddress("6.6.6.6", "10.0.0.9", 0)).toBe("10.0.0.9");
    expect(clientAddress("6.6.6.6", null, 0)).toBe("local");
    expect(clientAddress(null, null, 1)).toBe("local");
    expect(clientAddress(" , ", " 10.0.0.9 ", 1)).toBe("10.0.0.9");
  });

  it("bounds what is stored as a key", () => {
    expect(clientAddress("x".repeat(500), null, 1)).toHaveLength(100);
  });
});
