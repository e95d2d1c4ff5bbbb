/** The one definition of addresses, sheet quoting and date serials every host uses. */
import { excelSerial, localAddress, qualified, quoteSheet, quotedReference, serialDate } from "../../src/core/address";

describe("sheet references", () => {
  it("quotes a sheet name always for links, and only when needed as Excel writes references", () => {
    expect(quoteSheet("l'an")).toBe("'l''an'");
    expect(quotedReference("Rapport", "$G$4")).toBe("'Rapport'!G4");
    expect(qualified("Rapport", "G4")).toBe("Rapport!G4");
    expect(qualified("Rapport 2023", "G4")).toBe("'Rapport 2023'!G4");
    expect(localAddress("'Feuil 1'!$B$3:F20")).toBe("B3:F20");
  });
});

describe("Excel date serials", () => {
  it("counts days from 30 December 1899, or from 1904, and back", () => {
    expect(excelSerial(new Date(Date.UTC(2018, 2, 15)))).toBe(43174);
    expect(excelSerial(new Date(Date.UTC(2018, 2, 15, 12)), true)).toBe(41712.5);
    expect(serialDate(43174.5).toISOString()).toBe("2018-03-15T12:00:00.000Z");
  });
});
