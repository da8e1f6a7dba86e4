import KeyIcon from "@mui/icons-material/KeyOutlined";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import Snackbar from "@mui/material/Snackbar";
import Typography from "@mui/material/Typography";
import { useId, useState } from "react";
import { useMe } from "../auth/authContext";
import { ChangePasswordDialog } from "./ChangePasswordDialog";

/**
 * Shows the signed-in staff member's name and role as a button that opens
 * their account menu, which has "Change password".
 */
export function AccountMenu() {
  const me = useMe();
  const menuId = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [changing, setChanging] = useState(false);
  const [changed, setChanged] = useState(false);

  const openPasswordDialog = () => {
    setAnchor(null);
    setChanging(true);
  };

  return (
    <>
      <Button
        color="inherit"
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor !== null}
        aria-label={`Account of ${me.staff.name}`}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{ textTransform: "none", minWidth: 0 }}
      >
        <Box sx={{ textAlign: "right", display: { xs: "none", sm: "block" } }}>
          <Typography variant="body2" sx={{ fontWeight: 600 }} noWrap>
            {me.staff.name}
          </Typography>
          <Typography variant="caption" color="text.secondary" noWrap>
            {me.role.name}
          </Typography>
        </Box>
        <Typography
          variant="body2"
          sx={{ display: { xs: "block", sm: "none" } }}
        >
          Account
        </Typography>
      </Button>
      <Menu
        id={menuId}
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
      >
        <MenuItem onClick={openPasswordDialog}>
          <ListItemIcon>
            <KeyIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>Change password</ListItemText>
        </MenuItem>
      </Menu>
      {changing && (
        <ChangePasswordDialog
          onClose={() => setChanging(false)}
          onChanged={() => {
            setChanging(false);
            setChanged(true);
          }}
        />
      )}
      <Snackbar
        open={changed}
        onClose={() => setChanged(false)}
        autoHideDuration={6000}
        message="Password changed. Your other sessions were signed out."
      />
    </>
  );
}
