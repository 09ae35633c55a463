"""Ambassador routes, three audiences. Each area module (intake, terms, engagement) exports
``console_patterns`` (program managers, /o/<slug>/ambassadors/), ``portal_patterns`` (ambassadors,
alumni, managers, /o/<slug>/portal/) and ``public_patterns`` (signed emailed links, /links/)."""
