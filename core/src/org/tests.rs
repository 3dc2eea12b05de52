use super::*;

#[test]
fn a_commune_committee_starts_with_its_offices_of_2025() {
    let org = start_org("Ủy ban nhân dân xã Tân Phú", UnitKind::Government, true);
    let names: Vec<(&str, UnitKind, Option<&str>)> = org.units.iter().map(|u| (u.name.as_str(), u.kind, u.parent.as_deref())).collect();
    assert_eq!(
        names,
        vec![
            ("Ủy ban nhân dân xã Tân Phú", UnitKind::Government, None),
            ("Văn phòng HĐND và UBND xã", UnitKind::Department, Some("UBNDXTP")),
            ("Phòng Kinh tế xã", UnitKind::Department, Some("UBNDXTP")),
            ("Phòng Văn hóa - Xã hội xã", UnitKind::Department, Some("UBNDXTP")),
            ("Trung tâm Phục vụ hành chính công xã", UnitKind::PublicService, Some("UBNDXTP")),
        ]
    );
    let codes: BTreeSet<&str> = org.units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes.len(), 5, "codes are unique");
    // A ward has the office of economy, infrastructure and urban affairs.
    let ward = commune_offices("UBND phường Bến Thành");
    assert_eq!(ward[1].0, "Phòng Kinh tế, Hạ tầng và Đô thị phường");
    assert_eq!(commune_offices("UBND đặc khu Côn Đảo")[0].0, "Văn phòng HĐND và UBND đặc khu");
    // Not a commune, or not asked for: the one unit.
    assert!(commune_offices("Ủy ban nhân dân tỉnh Lâm Đồng").is_empty());
    assert_eq!(start_org("Ủy ban nhân dân xã Tân Phú", UnitKind::Government, false).units.len(), 1);
    assert_eq!(start_org("Xã Tân Phú", UnitKind::Commune, true).units.len(), 1);
}

#[test]
fn kind_words() {
    assert_eq!(parse_kind_word("UBND"), Some(UnitKind::Government));
    assert_eq!(parse_kind_word("Ủy ban nhân dân tỉnh"), Some(UnitKind::Government));
    assert_eq!(parse_kind_word("UBND xã"), Some(UnitKind::Commune));
    assert_eq!(parse_kind_word("Sở"), Some(UnitKind::Department));
    assert_eq!(parse_kind_word("phòng, ban"), Some(UnitKind::Department));
    assert_eq!(parse_kind_word("Đơn vị sự nghiệp"), Some(UnitKind::PublicService));
    assert_eq!(parse_kind_word("ĐẶC KHU"), Some(UnitKind::Commune));
    assert_eq!(parse_kind_word("Thị trấn"), Some(UnitKind::Commune));
    assert_eq!(parse_kind_word("phuong"), Some(UnitKind::Commune));
    assert_eq!(parse_kind_word("public_service"), Some(UnitKind::PublicService));
    assert_eq!(parse_kind_word("Hợp tác xã"), None);
    assert_eq!(parse_kind_word("UBND tỉnh"), Some(UnitKind::Government));
    assert_eq!(parse_kind_word("Văn phòng"), Some(UnitKind::Department));
    assert_eq!(parse_kind_word("Sở, ngành"), Some(UnitKind::Department));
    assert_eq!(parse_kind_word("Đơn vị sự nghiệp công lập"), Some(UnitKind::PublicService));
}

/// Headers as offices write them: "Mã đơn vị", "Tên", "Loại hình", "Trực thuộc" (parent by name).
#[test]
fn units_table_with_other_header_names() {
    let rows: Vec<Vec<String>> = [
        vec!["Mã đơn vị", "Tên", "Loại hình", "Trực thuộc"],
        vec!["UBT", "Ủy ban nhân dân tỉnh Tây Ninh", "UBND tỉnh", ""],
        vec!["SNV", "Sở Nội vụ", "Sở", "UBT"],
        vec!["X01", "Xã Tân Lập", "Xã", "Ủy ban nhân dân tỉnh Tây Ninh"],
        vec!["DK1", "Đặc khu Côn Đảo", "đặc khu", "UBT"],
    ]
    .iter()
    .map(|r| r.iter().map(|s| s.to_string()).collect())
    .collect();
    let (org, ch) = apply_table(&Org::default(), &rows, true).unwrap();
    assert_eq!(ch.added.len(), 4);
    assert_eq!(org.unit("X01").unwrap().parent.as_deref(), Some("UBT"));
    assert_eq!(org.unit("X01").unwrap().kind, UnitKind::Commune);
    assert_eq!(org.unit("UBT").unwrap().kind, UnitKind::Government);
}

/// A list as offices keep it, without codes: each unit gets one from its
/// name, and keeps it when the list is read again.
#[test]
fn a_units_table_without_codes_gets_them_and_keeps_them() {
    let rows: Vec<Vec<String>> = [
        vec!["STT", "Tên cơ quan, đơn vị", "Loại hình", "Trực thuộc"],
        vec!["1", "Ủy ban nhân dân phường Bến Thành", "UBND", ""],
        vec!["2", "Văn phòng HĐND và UBND phường", "Phòng", "Ủy ban nhân dân phường Bến Thành"],
        vec!["3", "Phòng Văn hóa - Xã hội phường", "Phòng", "Ủy ban nhân dân phường Bến Thành"],
        vec!["4", "Phòng Văn hóa - Xã hội phường Cũ", "Phòng", "Ủy ban nhân dân phường Bến Thành"],
    ]
    .iter()
    .map(|r| r.iter().map(|s| s.to_string()).collect())
    .collect();
    let (org, ch) = apply_table(&Org::default(), &rows, true).unwrap();
    let codes: Vec<&str> = org.units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes, vec!["UBNDPBT", "VPHVUP", "PVHXHP", "PVHXHPC"]);
    assert_eq!(ch.added.len(), 4);
    assert_eq!(org.unit("VPHVUP").unwrap().parent.as_deref(), Some("UBNDPBT"));
    // Read again: the same codes, nothing changed.
    let (again, ch) = apply_table(&org, &rows, false).unwrap();
    assert_eq!(again.units.iter().map(|u| u.code.as_str()).collect::<Vec<_>>(), codes);
    assert!(ch.is_empty() && ch.unchanged == 4, "{ch:?}");
}

#[test]
fn builtin_seed_has_phong_noi_vu_consolidating() {
    let src = crate::plan::builtin_source();
    let org = Org::from_plan_units(&src.id, &src.units).unwrap();
    assert_eq!(org.consolidates_for("PNV"), Some("CUCHI"));
    assert_eq!(org.consolidator_of("CUCHI").map(|u| u.code.as_str()), Some("PNV"));
    assert_eq!(org.units.len(), src.units.len());
    org.check().unwrap();
}

#[test]
fn moving_under_own_child_is_refused() {
    let src = crate::plan::builtin_source();
    let mut org = Org::from_plan_units(&src.id, &src.units).unwrap();
    let e = org.move_to("CUCHI", Some("PNV")).unwrap_err();
    assert_eq!(e.key, "err-org-cycle");
    assert_eq!(org.unit("CUCHI").unwrap().parent, None);
}

#[test]
fn unmatched_agencies_become_aliases_or_new_units() {
    let src = crate::plan::builtin_source();
    let mut org = Org::from_plan_units(&src.id, &src.units).unwrap();
    org.add_alias("PNV", "P. Nội vụ").unwrap();
    org.add_alias("PNV", "P Nội vụ").unwrap(); // the same key: kept once
    assert_eq!(org.unit("PNV").unwrap().aliases, vec!["P. Nội vụ".to_owned()]);
    assert!(org.add_alias("NOPE", "x").is_err());
    assert!(org.add_alias("PNV", " - ").is_err());
    let u = org.unit_for_phrase("Trưởng Ban Chỉ huy Quân sự huyện", Some("CUCHI"));
    assert_eq!((u.name.as_str(), u.kind, u.parent.as_deref()), ("Ban Chỉ huy Quân sự huyện", UnitKind::Department, Some("CUCHI")));
    assert!(org.unit(&u.code).is_none());
    let u = org.unit_for_phrase("Giám đốc Trung tâm Dịch vụ nông nghiệp", Some("CUCHI"));
    assert_eq!((u.name.as_str(), u.kind), ("Trung tâm Dịch vụ nông nghiệp", UnitKind::PublicService));
    org.add(u).unwrap();
}

#[test]
fn code_suggestion() {
    assert_eq!(suggest_code("Phòng Kinh tế", &[]), "PKT");
    assert_eq!(suggest_code("Phòng Kinh tế", &["PKT"]), "PKT2");
}
