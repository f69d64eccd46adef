"""Data files shipped with Atelier: catalog, size tables, materials, examples.

The kiosk's keyboard layout, ``kiosk_keyboard.qml``, is here too.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
CATALOG_DIR = ROOT / "catalog"
SIZES_DIR = ROOT / "sizes"
EXAMPLES_DIR = ROOT / "examples"
MATERIALS_FILE = ROOT / "materials.csv"
FONTS_DIR = ROOT / "fonts"
GEMS_DIR = ROOT / "gems"
PRODUCT_FAMILIES_FILE = ROOT / "product_families.toml"
PROFILE_TAGS_FILE = ROOT / "profile_tags.toml"
MATERIAL_PRICES_FILE = ROOT / "material_prices.csv"
PRODUCTION_DIR = ROOT / "production"
FINISHES_FILE = ROOT / "finishes.csv"
CURRENCIES_FILE = ROOT / "currencies.toml"
KIOSK_KEYBOARD_QML = ROOT / "kiosk_keyboard.qml"
