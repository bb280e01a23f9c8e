-- Shared catalogues: national code lists that every municipality uses. They carry no municipality_code and
-- never reference a tenant table, so a distributed deployment (Citus) keeps them as reference tables,
-- copied to every node. The application role may only read them (src/platform/db/migrate.ts).

CREATE TABLE law (
  code text PRIMARY KEY CHECK (code ~ '^[a-z-]{2,40}$'),
  name text NOT NULL,
  short_name text NOT NULL
);
COMMENT ON TABLE law IS 'Wet: the laws of the social domain (Wmo 2015, Jeugdwet, Participatiewet, Wet gemeentelijke schuldhulpverlening).';
COMMENT ON COLUMN law.code IS 'Stable code used throughout Grip: wmo, jeugdwet, participatiewet, schuldhulp.';
COMMENT ON COLUMN law.name IS 'Full Dutch name of the law.';
COMMENT ON COLUMN law.short_name IS 'Name as shown in lists and charts.';
INSERT INTO law (code, name, short_name) VALUES
  ('wmo', 'Wet maatschappelijke ondersteuning 2015', 'Wmo'),
  ('jeugdwet', 'Jeugdwet', 'Jeugdwet'),
  ('participatiewet', 'Participatiewet', 'Participatiewet'),
  ('schuldhulp', 'Wet gemeentelijke schuldhulpverlening', 'Schuldhulp');

CREATE TABLE product_category (
  law_code text NOT NULL REFERENCES law (code),
  code text NOT NULL CHECK (code ~ '^[0-9]{2}$'),
  name text NOT NULL,
  PRIMARY KEY (law_code, code)
);
COMMENT ON TABLE product_category IS 'Productcategorie of the iWmo/iJw 3.2 standard (LDT_ProductCategorie in Basisschema.xsd), per law.';
COMMENT ON COLUMN product_category.law_code IS 'wmo for the iWmo list, jeugdwet for the iJw list.';
COMMENT ON COLUMN product_category.code IS 'Two-digit category code, e.g. 01 Hulp bij het huishouden, 45 Jeugdhulp ambulant.';
COMMENT ON COLUMN product_category.name IS 'Name as documented in the standard.';

CREATE TABLE istandaard_code (
  standard text NOT NULL CHECK (standard IN ('iwmo', 'ijw')),
  list text NOT NULL CHECK (list IN ('eenheid', 'frequentie', 'reden-beeindiging', 'reden-wijziging', 'geslacht', 'type-verwijzer')),
  code text NOT NULL CHECK (code ~ '^[0-9]{1,2}$'),
  name text NOT NULL,
  PRIMARY KEY (standard, list, code)
);
COMMENT ON TABLE istandaard_code IS 'Other code lists of the iWmo/iJw 3.2 standard (enumerations in Basisschema.xsd) that Grip stores: units, frequencies, reasons for ending and changing an allocation, sex.';
COMMENT ON COLUMN istandaard_code.standard IS 'iwmo (Wmo) or ijw (Jeugdwet): the lists differ slightly between the two standards.';
COMMENT ON COLUMN istandaard_code.list IS 'Which list: eenheid (LDT_Eenheid), frequentie (LDT_Frequentie), reden-beeindiging (LDT_RedenBeeindiging), reden-wijziging (LDT_RedenWijziging), geslacht (LDT_Geslacht), type-verwijzer (LDT_TypeVerwijzer, iJw only).';
COMMENT ON COLUMN istandaard_code.code IS 'Code as it appears in the XML messages.';
COMMENT ON COLUMN istandaard_code.name IS 'Meaning as documented in the standard.';

CREATE TABLE life_domain (
  code text PRIMARY KEY CHECK (code ~ '^[a-z-]{2,40}$'),
  position smallint NOT NULL UNIQUE,
  name_nl text NOT NULL,
  name_en text NOT NULL
);
COMMENT ON TABLE life_domain IS 'Leefgebied: a life domain scored 1-5 for self-sufficiency (after the public Zelfredzaamheid-Matrix).';
COMMENT ON COLUMN life_domain.position IS 'Order in forms and charts.';
INSERT INTO life_domain (code, position, name_nl, name_en) VALUES
  ('financien', 1, 'Financiën', 'Finances'),
  ('werk-opleiding', 2, 'Werk en opleiding', 'Work and education'),
  ('tijdsbesteding', 3, 'Tijdsbesteding', 'Use of time'),
  ('huisvesting', 4, 'Huisvesting', 'Housing'),
  ('huiselijke-relaties', 5, 'Huiselijke relaties', 'Domestic relationships'),
  ('geestelijke-gezondheid', 6, 'Geestelijke gezondheid', 'Mental health'),
  ('lichamelijke-gezondheid', 7, 'Lichamelijke gezondheid', 'Physical health'),
  ('middelengebruik', 8, 'Middelengebruik', 'Substance use'),
  ('basale-adl', 9, 'Basale ADL', 'Basic activities of daily living'),
  ('instrumentele-adl', 10, 'Instrumentele ADL', 'Instrumental activities of daily living'),
  ('sociaal-netwerk', 11, 'Sociaal netwerk', 'Social network'),
  ('maatschappelijke-participatie', 12, 'Maatschappelijke participatie', 'Participation in society'),
  ('justitie', 13, 'Justitie', 'Justice');

CREATE TABLE bbv_taakveld (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]\.[0-9]{1,2}$'),
  name text NOT NULL
);
COMMENT ON TABLE bbv_taakveld IS 'Taakveld of the national budget rules (BBV), used to compare budgets across municipalities (CBS Iv3).';
INSERT INTO bbv_taakveld (code, name) VALUES
  ('6.1', 'Samenkracht en burgerparticipatie'),
  ('6.2', 'Wijkteams'),
  ('6.3', 'Inkomensregelingen'),
  ('6.4', 'Begeleide participatie'),
  ('6.5', 'Arbeidsparticipatie'),
  ('6.6', 'Maatwerkvoorzieningen (Wmo)'),
  ('6.71', 'Maatwerkdienstverlening 18+'),
  ('6.72', 'Maatwerkdienstverlening 18-'),
  ('6.81', 'Geëscaleerde zorg 18+'),
  ('6.82', 'Geëscaleerde zorg 18-'),
  ('7.1', 'Volksgezondheid'),
  ('0.10', 'Mutaties reserves');

CREATE TABLE cbs_area (
  code text PRIMARY KEY CHECK (code ~ '^(GM[0-9]{4}|WK[0-9]{6}|BU[0-9]{8})$'),
  kind text NOT NULL CHECK (kind IN ('gemeente', 'wijk', 'buurt')),
  name text NOT NULL,
  gemeente_code text NOT NULL CHECK (gemeente_code ~ '^GM[0-9]{4}$'),
  wijk_code text REFERENCES cbs_area (code) CHECK (wijk_code ~ '^WK[0-9]{6}$'),
  edition smallint NOT NULL CHECK (edition BETWEEN 2000 AND 2100),
  CHECK ((kind = 'gemeente') = (code = gemeente_code)),
  CHECK ((kind = 'buurt') = (wijk_code IS NOT NULL)),
  CHECK (kind <> 'wijk' OR substr(code, 3, 4) = substr(gemeente_code, 3, 4)),
  CHECK (kind <> 'buurt' OR substr(code, 3, 6) = substr(wijk_code, 3, 6))
);
COMMENT ON TABLE cbs_area IS 'CBS area codes (Wijk- en buurtkaart): gemeente GMxxxx, wijk WKxxxxxx, buurt BUxxxxxxxx. National catalogue; a municipality''s own wijken and buurten (with polygons) are in wijk and buurt.';
COMMENT ON COLUMN cbs_area.edition IS 'Year of the Wijk- en buurtkaart edition the code and name come from.';
CREATE INDEX cbs_area_gemeente ON cbs_area (gemeente_code, kind);

CREATE TABLE region (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{2,60}$'),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('samenwerkingsverband', 'jeugdregio', 'arbeidsmarktregio', 'centrumgemeente-bw'))
);
COMMENT ON TABLE region IS 'Samenwerkingsverband of municipalities (e.g. the 14 Twentse gemeenten). Only aggregates cross municipal borders.';

CREATE TABLE region_member (
  region_code text NOT NULL REFERENCES region (code),
  municipality_code text NOT NULL CHECK (municipality_code ~ '^GM[0-9]{4}$'),
  municipality_name text NOT NULL,
  PRIMARY KEY (region_code, municipality_code)
);
COMMENT ON TABLE region_member IS 'A municipality in a region, named whether or not it runs Grip (so not a reference to the tenant table).';
INSERT INTO region (code, name, kind) VALUES ('twente', 'Regio Twente', 'samenwerkingsverband');
INSERT INTO region_member (region_code, municipality_code, municipality_name) VALUES
  ('twente', 'GM0141', 'Almelo'), ('twente', 'GM0147', 'Borne'), ('twente', 'GM1774', 'Dinkelland'),
  ('twente', 'GM0153', 'Enschede'), ('twente', 'GM0158', 'Haaksbergen'), ('twente', 'GM0163', 'Hellendoorn'),
  ('twente', 'GM0164', 'Hengelo'), ('twente', 'GM0168', 'Losser'), ('twente', 'GM0173', 'Oldenzaal'),
  ('twente', 'GM1742', 'Rijssen-Holten'), ('twente', 'GM0183', 'Tubbergen'), ('twente', 'GM0189', 'Wierden'),
  ('twente', 'GM1700', 'Twenterand'), ('twente', 'GM1735', 'Hof van Twente');

-- Code lists copied from Basisschema.xsd of iWmo 3.2 and iJw 3.2 (../shared/standards).
INSERT INTO product_category (law_code, code, name) VALUES
  ('wmo', '01', 'Hulp bij het huishouden'),
  ('wmo', '02', 'Begeleiding'),
  ('wmo', '03', 'Persoonlijke verzorging'),
  ('wmo', '04', 'Kortdurend verblijf'),
  ('wmo', '05', 'Woondiensten'),
  ('wmo', '06', 'Overige ondersteuning gericht op het individu of huishouden/gezin'),
  ('wmo', '07', 'Dagbesteding'),
  ('wmo', '08', 'Vervoerdiensten'),
  ('wmo', '09', 'Overige groepsgerichte ondersteuning'),
  ('wmo', '10', 'Overige maatwerk arrangementen'),
  ('wmo', '11', 'Rolstoelen'),
  ('wmo', '12', 'Vervoervoorzieningen'),
  ('wmo', '13', 'Woonvoorzieningen'),
  ('wmo', '14', 'Overige hulpmiddelen'),
  ('wmo', '15', 'Beschermd wonen'),
  ('wmo', '16', 'Opvang'),
  ('wmo', '17', 'Spoedopvang'),
  ('wmo', '18', 'Overige beschermd wonen en opvang'),
  ('jeugdwet', '31', '(2015) Zonder verblijf: uitgevoerd door wijk- of buurtteam'),
  ('jeugdwet', '32', '(2015) Zonder verblijf: ambulante jeugdhulp op locatie van de aanbieder'),
  ('jeugdwet', '33', '(2015) Zonder verblijf: daghulp op locatie van de aanbieder'),
  ('jeugdwet', '34', '(2015) Zonder verblijf: jeugdhulp in het netwerk van de jeugdige'),
  ('jeugdwet', '35', '(2015) Met verblijf: pleegzorg'),
  ('jeugdwet', '36', '(2015) Met verblijf: gezinsgericht'),
  ('jeugdwet', '37', '(2015) Met verblijf: gesloten plaatsing'),
  ('jeugdwet', '38', '(2015) Met verblijf: overig residentieel'),
  ('jeugdwet', '40', 'Persoonlijke verzorging'),
  ('jeugdwet', '41', 'Dagbehandeling'),
  ('jeugdwet', '42', 'Vervoerdiensten'),
  ('jeugdwet', '43', 'Jeugdhulp verblijf (incl. behandeling)'),
  ('jeugdwet', '44', 'Jeugdhulp verblijf (excl. behandeling)'),
  ('jeugdwet', '45', 'Jeugdhulp ambulant'),
  ('jeugdwet', '46', 'Jeugdhulp crisis'),
  ('jeugdwet', '47', 'Jeugdreclassering'),
  ('jeugdwet', '48', 'Jeugdbescherming'),
  ('jeugdwet', '49', 'Activiteiten in het preventief justitieel kader'),
  ('jeugdwet', '50', 'Maatwerkarrangementen jeugd'),
  ('jeugdwet', '51', 'Generalistische basis-ggz'),
  ('jeugdwet', '52', 'Specialistische ggz'),
  ('jeugdwet', '53', 'Kindergeneeskunde'),
  ('jeugdwet', '54', 'Jeugd-ggz'),
  ('jeugdwet', '55', 'Landelijk ingekochte zorg');
INSERT INTO istandaard_code (standard, list, code, name) VALUES
  ('iwmo', 'eenheid', '01', 'Minuut'),
  ('iwmo', 'eenheid', '04', 'Uur'),
  ('iwmo', 'eenheid', '14', 'Etmaal'),
  ('iwmo', 'eenheid', '16', 'Dagdeel (4 uur)'),
  ('iwmo', 'eenheid', '82', 'Stuks (output)'),
  ('iwmo', 'eenheid', '83', 'Euro''s'),
  ('iwmo', 'eenheid', '84', 'Stuks (inspanning)'),
  ('iwmo', 'frequentie', '1', 'Per dag'),
  ('iwmo', 'frequentie', '2', 'Per week'),
  ('iwmo', 'frequentie', '4', 'Per maand'),
  ('iwmo', 'frequentie', '6', 'Totaal binnen geldigheidsduur toewijzing'),
  ('iwmo', 'reden-beeindiging', '02', 'Overlijden'),
  ('iwmo', 'reden-beeindiging', '19', 'Levering volgens plan beeindigd'),
  ('iwmo', 'reden-beeindiging', '20', 'Levering is tijdelijk beeindigd'),
  ('iwmo', 'reden-beeindiging', '21', 'Levering is eenzijdig door client beeindigd'),
  ('iwmo', 'reden-beeindiging', '22', 'Levering is eenzijdig door aanbieder beeindigd'),
  ('iwmo', 'reden-beeindiging', '23', 'Levering is in overeenstemming voortijdig beeindigd'),
  ('iwmo', 'reden-beeindiging', '31', 'Verhuizing naar een andere gemeente'),
  ('iwmo', 'reden-beeindiging', '36', 'Geinitieerd door de gemeente'),
  ('iwmo', 'reden-beeindiging', '37', 'In verband met wijzigingsverzoek'),
  ('iwmo', 'reden-beeindiging', '38', 'Overstap naar andere aanbieder'),
  ('iwmo', 'reden-beeindiging', '39', 'Uitstroom naar ander domein'),
  ('iwmo', 'reden-wijziging', '01', 'Administratieve correctie (vervallen)'),
  ('iwmo', 'reden-wijziging', '02', 'Client overleden'),
  ('iwmo', 'reden-wijziging', '03', 'Contractwijziging'),
  ('iwmo', 'reden-wijziging', '04', 'Herbeoordeling: verlenging toewijzing'),
  ('iwmo', 'reden-wijziging', '05', 'Herbeoordeling: verkorting toewijzing'),
  ('iwmo', 'reden-wijziging', '06', 'Uitstroom naar ander domein'),
  ('iwmo', 'reden-wijziging', '07', 'Verhuizing naar een andere gemeente'),
  ('iwmo', 'reden-wijziging', '08', 'Wijziging leveringsvorm'),
  ('iwmo', 'reden-wijziging', '09', 'Overstap naar andere aanbieder'),
  ('iwmo', 'reden-wijziging', '10', 'Overgang naar nieuwe bekostigingssystematiek'),
  ('iwmo', 'reden-wijziging', '11', 'Gemeentelijke herindeling'),
  ('iwmo', 'reden-wijziging', '12', 'Geinitieerd door de aanbieder'),
  ('iwmo', 'reden-wijziging', '13', 'Verwijderd'),
  ('iwmo', 'reden-wijziging', '14', 'Administratieve correctie'),
  ('iwmo', 'geslacht', '0', 'Onbekend'),
  ('iwmo', 'geslacht', '1', 'Mannelijk'),
  ('iwmo', 'geslacht', '2', 'Vrouwelijk'),
  ('ijw', 'eenheid', '01', 'Minuut'),
  ('ijw', 'eenheid', '04', 'Uur'),
  ('ijw', 'eenheid', '14', 'Etmaal'),
  ('ijw', 'eenheid', '16', 'Dagdeel (4 uur)'),
  ('ijw', 'eenheid', '82', 'Stuks (output)'),
  ('ijw', 'eenheid', '83', 'Euro''s'),
  ('ijw', 'eenheid', '84', 'Stuks (inspanning)'),
  ('ijw', 'frequentie', '1', 'Per dag'),
  ('ijw', 'frequentie', '2', 'Per week'),
  ('ijw', 'frequentie', '4', 'Per maand'),
  ('ijw', 'frequentie', '6', 'Totaal binnen geldigheidsduur toewijzing'),
  ('ijw', 'reden-beeindiging', '02', 'Overlijden'),
  ('ijw', 'reden-beeindiging', '20', 'Levering is tijdelijk beeindigd.'),
  ('ijw', 'reden-beeindiging', '31', 'Levering is volgens plan beeindigd.'),
  ('ijw', 'reden-beeindiging', '32', 'Voortijdig afgesloten: eenzijdig door de client.'),
  ('ijw', 'reden-beeindiging', '33', 'Voortijdig afgesloten: eenzijdig door de aanbieder.'),
  ('ijw', 'reden-beeindiging', '34', 'Voortijdig afgesloten: in overeenstemming.'),
  ('ijw', 'reden-beeindiging', '35', 'Voortijdig afgesloten: wegens externe omstandigheden.'),
  ('ijw', 'reden-beeindiging', '36', 'Geinitieerd door de gemeente'),
  ('ijw', 'reden-beeindiging', '37', 'In verband met wijzigingsverzoek'),
  ('ijw', 'reden-beeindiging', '38', 'Overstap naar andere aanbieder'),
  ('ijw', 'reden-beeindiging', '39', 'Uitstroom naar ander domein'),
  ('ijw', 'reden-wijziging', '01', 'Administratieve correctie (vervallen)'),
  ('ijw', 'reden-wijziging', '02', 'Client overleden'),
  ('ijw', 'reden-wijziging', '03', 'Contractwijziging'),
  ('ijw', 'reden-wijziging', '04', 'Herbeoordeling: verlenging toewijzing'),
  ('ijw', 'reden-wijziging', '05', 'Herbeoordeling: verkorting toewijzing'),
  ('ijw', 'reden-wijziging', '06', 'Uitstroom naar ander domein'),
  ('ijw', 'reden-wijziging', '07', 'Verhuizing naar een andere gemeente'),
  ('ijw', 'reden-wijziging', '08', 'Wijziging leveringsvorm'),
  ('ijw', 'reden-wijziging', '09', 'Overstap naar andere aanbieder'),
  ('ijw', 'reden-wijziging', '10', 'Overgang naar nieuwe bekostigingssystematiek'),
  ('ijw', 'reden-wijziging', '11', 'Gemeentelijke herindeling'),
  ('ijw', 'reden-wijziging', '12', 'Geinitieerd door de aanbieder'),
  ('ijw', 'reden-wijziging', '13', 'Verwijderd'),
  ('ijw', 'reden-wijziging', '14', 'Administratieve correctie'),
  ('ijw', 'geslacht', '0', 'Onbekend'),
  ('ijw', 'geslacht', '1', 'Mannelijk'),
  ('ijw', 'geslacht', '2', 'Vrouwelijk'),
  ('ijw', 'type-verwijzer', '01', 'Gemeente'),
  ('ijw', 'type-verwijzer', '02', 'Huisarts'),
  ('ijw', 'type-verwijzer', '03', 'Jeugdarts'),
  ('ijw', 'type-verwijzer', '04', 'Gecertificeerde instelling'),
  ('ijw', 'type-verwijzer', '05', 'Medisch specialist'),
  ('ijw', 'type-verwijzer', '06', 'Zelfverwijzer/geen verwijzer'),
  ('ijw', 'type-verwijzer', '08', 'Rechter, Officier van Justitie, functionaris Justitiele jeugdinrichting');
