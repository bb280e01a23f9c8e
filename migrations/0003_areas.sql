-- Areas of a municipality: its wijken and buurten (with polygons), vindplaatsen, and population counts.

CREATE TABLE wijk (
  municipality_code text NOT NULL REFERENCES municipality (code),
  code text NOT NULL REFERENCES cbs_area (code) CHECK (code ~ '^WK[0-9]{6}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  geometry jsonb NOT NULL CHECK (geometry ->> 'type' IN ('Polygon', 'MultiPolygon')),
  PRIMARY KEY (municipality_code, code),
  CHECK (substr(code, 3, 4) = substr(municipality_code, 3, 4))
);
COMMENT ON TABLE wijk IS 'Wijk (district) of the municipality, with its CBS code and boundary.';
COMMENT ON COLUMN wijk.code IS 'CBS wijkcode WKggggww (gggg = municipality).';
COMMENT ON COLUMN wijk.geometry IS 'GeoJSON Polygon or MultiPolygon in WGS84 (lon/lat), from the CBS/Kadaster Wijk- en buurtkaart.';
SELECT grip_tenant_isolation('wijk');

CREATE TABLE buurt (
  municipality_code text NOT NULL,
  code text NOT NULL REFERENCES cbs_area (code) CHECK (code ~ '^BU[0-9]{8}$'),
  wijk_code text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  geometry jsonb NOT NULL CHECK (geometry ->> 'type' IN ('Polygon', 'MultiPolygon')),
  PRIMARY KEY (municipality_code, code),
  FOREIGN KEY (municipality_code, wijk_code) REFERENCES wijk (municipality_code, code),
  CHECK (substr(code, 3, 6) = substr(wijk_code, 3, 6))
);
COMMENT ON TABLE buurt IS 'Buurt (neighbourhood) within a wijk, with its CBS code and boundary.';
COMMENT ON COLUMN buurt.code IS 'CBS buurtcode BUggggwwbb.';
COMMENT ON COLUMN buurt.wijk_code IS 'The wijk the buurt lies in.';
COMMENT ON COLUMN buurt.geometry IS 'GeoJSON Polygon or MultiPolygon in WGS84 (lon/lat), from the CBS/Kadaster Wijk- en buurtkaart.';
SELECT grip_tenant_isolation('buurt');

CREATE TABLE vindplaats (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN (
    'zorgloket', 'wijkteam', 'huisartsenpraktijk', 'consultatiebureau', 'school', 'bibliotheek', 'werkplein',
    'schuldhulploket', 'online', 'ziekenhuis', 'politie', 'woningcorporatie')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  wijk_code text,
  buurt_code text,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, name),
  FOREIGN KEY (municipality_code, wijk_code) REFERENCES wijk (municipality_code, code),
  FOREIGN KEY (municipality_code, buurt_code) REFERENCES buurt (municipality_code, code),
  CHECK (buurt_code IS NULL OR wijk_code IS NULL OR substr(buurt_code, 3, 6) = substr(wijk_code, 3, 6)),
  CHECK (kind <> 'wijkteam' OR wijk_code IS NOT NULL)
);
COMMENT ON TABLE vindplaats IS 'Vindplaats: a place where help questions are found or asked (Zorgloket, wijkteam, GP practice, school, library, werkplein, online form).';
COMMENT ON COLUMN vindplaats.kind IS 'Type of place; the same broad intake is used at every kind.';
COMMENT ON COLUMN vindplaats.wijk_code IS 'Wijk the place serves or lies in; NULL for city-wide places (Zorgloket, online).';
COMMENT ON COLUMN vindplaats.buurt_code IS 'Buurt the place lies in, where known.';
SELECT grip_tenant_isolation('vindplaats');

CREATE TABLE population_count (
  municipality_code text NOT NULL,
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  buurt_code text NOT NULL,
  age smallint NOT NULL CHECK (age BETWEEN 0 AND 105),
  sex text NOT NULL CHECK (sex IN ('1', '2')),
  inhabitants integer NOT NULL CHECK (inhabitants >= 0),
  PRIMARY KEY (municipality_code, year, buurt_code, age, sex),
  FOREIGN KEY (municipality_code, buurt_code) REFERENCES buurt (municipality_code, code)
);
COMMENT ON TABLE population_count IS 'Inhabitants on 1 January of a year by buurt, age and sex (aggregate, as CBS publishes it). Grip holds persons only once they come to the social domain; denominators such as "share of under-18s with youth care" use these counts.';
COMMENT ON COLUMN population_count.age IS 'Age in whole years on 1 January; 105 means 105 or older.';
COMMENT ON COLUMN population_count.sex IS 'Geslacht as in the iWmo/iJw code list: 1 man, 2 vrouw.';
SELECT grip_tenant_isolation('population_count');

ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_wijk
  FOREIGN KEY (municipality_code, wijk_code) REFERENCES wijk (municipality_code, code);
